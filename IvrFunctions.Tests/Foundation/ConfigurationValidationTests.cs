using IvrFunctions.Core.Configuration;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Foundation;

public sealed class ConfigurationValidationTests
{
    static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(60);

    static Dictionary<string, string> Environment(string storage) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["AzureWebJobsStorage"] = storage,
        ["Ivr__FunctionKey"] = SelfHostServer.TestKey,
        ["Telemetry__CallerHashKey"] = SelfHostServer.TestCallerHashKey,
    };

    static string UnusedStorage()
    {
        var port = AzuriteProcess.FreePort();
        return new AzuriteSettings(port, port, port, null).ConnectionString;
    }

    [Fact]
    public async Task SelfHost_UnknownSpeechProvider_StopsWithOneLineNamingTheKey()
    {
        var env = Environment(UnusedStorage());
        env["Speech__Provider"] = "gogle";
        await using var host = SelfHostProcess.Start(env, $"--urls=http://127.0.0.1:{AzuriteProcess.FreePort()}");

        var exit = await host.WaitForExitAsync(ExitBound);

        Assert.Equal(2, exit);
        var lines = host.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("Configuration error: Speech:Provider (env Speech__Provider)", line, StringComparison.Ordinal);
        Assert.Contains("'gogle'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHost_ProductionWithoutKey_StopsNamingIvrFunctionKey()
    {
        var env = Environment(UnusedStorage());
        env.Remove("Ivr__FunctionKey");
        await using var host = SelfHostProcess.Start(env, $"--urls=http://127.0.0.1:{AzuriteProcess.FreePort()}");

        var exit = await host.WaitForExitAsync(ExitBound);

        Assert.Equal(2, exit);
        Assert.Contains("Configuration error: Ivr:FunctionKey (env Ivr__FunctionKey) is required", host.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SelfHost_MalformedEndpointUri_StopsNamingTheKey()
    {
        var env = Environment(UnusedStorage());
        env["Google__SpeechEndpoint"] = "not a uri";
        await using var host = SelfHostProcess.Start(env, $"--urls=http://127.0.0.1:{AzuriteProcess.FreePort()}");

        var exit = await host.WaitForExitAsync(ExitBound);

        Assert.Equal(2, exit);
        Assert.Contains("Configuration error:", host.StandardError, StringComparison.Ordinal);
        Assert.Contains("Google:SpeechEndpoint", host.StandardError, StringComparison.Ordinal);
    }

    static IReadOnlyList<string> Validate(Action<StorageOptions>? storage = null, Action<SpeechOptions>? speech = null,
        Action<AnswersOptions>? answers = null, Action<GoogleOptions>? google = null, Action<OpenAIOptions>? openAI = null,
        Action<AzureOpenAIOptions>? azure = null, Action<ExotelOptions>? exotel = null, Action<IvrOptions>? ivr = null)
    {
        static IOptions<T> Make<T>(Action<T>? configure) where T : class, new()
        {
            var value = new T();
            configure?.Invoke(value);
            return Options.Create(value);
        }

        var storageOptions = Make(storage ?? (s => s.ConnectionString = "UseDevelopmentStorage=true"));
        var validator = new ConfigurationValidator(storageOptions, Make(speech), Make(answers), Make(google), Make(openAI), Make(azure), Make(exotel));
        return validator.Validate(Make(ivr).Value);
    }

    [Fact]
    public void Validator_Defaults_HaveNoErrors() => Assert.Empty(Validate());

    [Fact]
    public void Validator_NoStorage_NamesAzureWebJobsStorage()
    {
        var error = Assert.Single(Validate(storage: _ => { }));
        Assert.StartsWith("AzureWebJobsStorage (env AzureWebJobsStorage)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_IdentityStorageWithOnlyBlobUri_AsksForTableUri()
    {
        var error = Assert.Single(Validate(storage: s => s.BlobServiceUri = new Uri("https://acct.blob.core.windows.net")));
        Assert.Contains("__tableServiceUri", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_GoogleWithoutCredentials_NamesGoogleApiKey()
    {
        var error = Assert.Single(Validate(speech: s => s.Provider = "google"));
        Assert.StartsWith("Google:ApiKey (env Google__ApiKey)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_AzureOpenAIWithoutDeployment_NamesChatDeployment()
    {
        var error = Assert.Single(Validate(answers: a => a.Provider = "azureopenai", azure: a => a.Endpoint = new Uri("https://x.openai.azure.com")));
        Assert.StartsWith("AzureOpenAI:ChatDeployment", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_BadRecordingHostAndLanguage_ReportsBoth()
    {
        var errors = Validate(exotel: e => e.RecordingHosts.Add("http://recordings.exotel.com/x"), ivr: i => i.DefaultLanguage = "fr-FR");
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Exotel:RecordingHosts:0", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Ivr:DefaultLanguage", StringComparison.Ordinal));
    }
}
