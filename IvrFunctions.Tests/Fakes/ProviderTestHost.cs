using IvrFunctions.Core;
using IvrFunctions.Core.Answers.KnowledgeBase;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Fakes;

/// <summary>Core's real registrations (AddIvrCore) over the test Azurite, with this test's own container and table names and a
/// recording telemetry; settings override anything (provider endpoints pointed at loopback fakes, ...).</summary>
public sealed class ProviderTestHost : IAsyncDisposable
{
    ProviderTestHost(ServiceProvider services, RecordingTelemetry telemetry, IReadOnlyDictionary<string, string?> settings)
    {
        Services = services;
        Telemetry = telemetry;
        Settings = settings;
    }

    public ServiceProvider Services { get; }

    public RecordingTelemetry Telemetry { get; }

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public static string KnowledgeFolder => Path.Combine(AppContext.BaseDirectory, "knowledge-base");

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<ProviderTestHost> StartAsync(IDictionary<string, string?>? overrides = null, string? knowledgeContainer = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await TestAzurite.ConnectionStringAsync(),
            ["KnowledgeBase:Container"] = knowledgeContainer ?? TestAzurite.UniqueName("kb"),
            ["Caches:ResponseTable"] = "resp" + Guid.NewGuid().ToString("N")[..20],
            ["Caches:AudioContainer"] = TestAzurite.UniqueName("audio"),
            ["ProviderHttp:BaseDelayMilliseconds"] = "10",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var telemetry = new RecordingTelemetry();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<ITelemetry>(telemetry);
        services.AddIvrCore(configuration, "tests");
        return new ProviderTestHost(services.BuildServiceProvider(), telemetry, settings);
    }

    /// <summary>Ingests the sample knowledge base shipped with the SelfHost into this host's container.</summary>
    public Task<IngestReport> IngestSampleAsync() => Get<KnowledgeBaseIngestor>().IngestAsync(KnowledgeFolder);

    public async ValueTask DisposeAsync() => await Services.DisposeAsync();
}
