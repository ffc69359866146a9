using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Providers;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Answers;

public sealed class SelfHostKnowledgeBaseTests
{
    [Fact]
    public async Task SelfHostFirstStart_IngestsTheSampleKnowledgeBase_AndAnswersOutOfTheBox()
    {
        var container = TestAzurite.UniqueName("kbseed");
        await using var server = await SelfHostServer.StartAsync(null, $"--KnowledgeBase:Container={container}", "--Caches:ResponseTable=seed" + Guid.NewGuid().ToString("N")[..16]);
        var ingestor = server.Services.GetRequiredService<KnowledgeBaseIngestor>();
        var deadline = TimeProvider.System.GetTimestamp();
        while (!await ingestor.IndexExistsAsync() && TimeProvider.System.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        var answer = await server.Services.GetRequiredService<IAnswerService>().AnswerAsync("How can I use UPI without internet?", "en-IN", TelemetryContext.None);

        Assert.True(answer.Found);
        Assert.Equal("en/upi-without-internet", answer.Passages[0].DocumentId);
        Assert.Contains("*99#", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ProviderSettings_OutOfRange_AreReportedNamingTheKey()
    {
        var validator = new ProviderSettingsValidator(
            Options.Create(new GoogleSpeechOptions { SpeakingRate = 3, MaxTtsInputBytes = 6000 }),
            Options.Create(new OfflineSpeechOptions()),
            Options.Create(new ProviderHttpOptions { TotalTimeoutSeconds = 1, AttemptTimeoutSeconds = 5 }),
            Options.Create(new RagOptions { MinRelevance = 2 }),
            Options.Create(new KnowledgeBaseOptions { Container = "Bad_Name" }),
            Options.Create(new CacheOptions()));

        var errors = validator.Validate().ToList();

        Assert.Equal(5, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("GoogleSpeech:SpeakingRate (env GoogleSpeech__SpeakingRate) must be between 0.25 and 2.0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("GoogleSpeech:MaxTtsInputBytes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("ProviderHttp:TotalTimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Rag:MinRelevance", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("KnowledgeBase:Container", StringComparison.Ordinal) && e.Contains("'Bad_Name'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SelfHost_BadProviderSetting_StopsWithTheKeyNamed()
    {
        await using var host = SelfHostProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["AzureWebJobsStorage"] = await TestAzurite.ConnectionStringAsync(),
            ["Ivr__FunctionKey"] = SelfHostServer.TestKey,
            ["Telemetry__CallerHashKey"] = SelfHostServer.TestCallerHashKey,
            ["Rag__TopK"] = "0",
        }, $"--urls=http://127.0.0.1:{IvrFunctions.SelfHost.Azurite.AzuriteProcess.FreePort()}");

        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exit);
        Assert.Contains("Configuration error: Rag:TopK (env Rag__TopK) must be between 1 and 20", host.StandardError, StringComparison.Ordinal);
    }
}
