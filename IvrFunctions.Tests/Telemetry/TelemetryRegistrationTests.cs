using IvrFunctions.Core;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace IvrFunctions.Tests.Telemetry;

public sealed class TelemetryRegistrationTests
{
    sealed class TestEnvironment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    static ServiceProvider Build(string environment, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("AzureWebJobsStorage", "UseDevelopmentStorage=true")))
            .Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IHostEnvironment>(new TestEnvironment(environment));
        services.AddIvrCore(configuration, "test");
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddIvrCore_RegistersTableTelemetryAndTheFlushService()
    {
        using var provider = Build("Production", ("Telemetry:CallerHashKey", "a-long-enough-secret-key"));

        Assert.IsType<TableTelemetry>(provider.GetRequiredService<ITelemetry>());
        Assert.Same(provider.GetRequiredService<TableTelemetry>(), provider.GetRequiredService<ITelemetry>());
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is Core.Telemetry.Storage.TelemetryFlushService);
        Assert.Null(provider.GetService<MeterProvider>());
        Assert.Null(provider.GetService<TracerProvider>());
    }

    [Fact]
    public void OutsideDevelopment_MissingCallerHashKey_FailsNamingTheKey()
    {
        using var provider = Build("Production");

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Telemetry:CallerHashKey (env Telemetry__CallerHashKey) is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1records")]
    [InlineData("ivr-records")]
    [InlineData("x")]
    [InlineData("a12345678901234567890123456789012345678901234567890123")] // 54 characters: the hour would make 64
    public void RecordsTablePrefixThatCannotNameATable_FailsNamingTheKey(string prefix)
    {
        using var provider = Build("Production", ("Telemetry:CallerHashKey", "a-long-enough-secret-key"), ("Telemetry:RecordsTablePrefix", prefix));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TelemetryOptions>>().Value);
        Assert.Contains("Telemetry:RecordsTablePrefix (env Telemetry__RecordsTablePrefix) must be 2 to 53 letters or digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtlpEndpointSet_RegistersMetricAndTraceProviders()
    {
        using var provider = Build("Production", ("Telemetry:CallerHashKey", "a-long-enough-secret-key"), ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"));

        Assert.NotNull(provider.GetService<MeterProvider>());
        Assert.NotNull(provider.GetService<TracerProvider>());
    }
}
