using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace IvrFunctions.Core.Telemetry;

public static class OpenTelemetryServiceCollectionExtensions
{
    public const string AppInsightsConnectionStringKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Exports the <see cref="TelemetryInstruments.Name"/> meter and activity source: to Azure Monitor when
    /// <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the OTLP
    /// exporter reads the standard <c>OTEL_*</c> variables itself), to both when both are, and nowhere otherwise.
    /// </summary>
    public static IServiceCollection AddIvrOpenTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var appInsights = configuration[AppInsightsConnectionStringKey];
        var otlp = configuration[OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(appInsights) && string.IsNullOrWhiteSpace(otlp))
        {
            return services;
        }

        var builder = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(TelemetryInstruments.Name, serviceVersion: typeof(TelemetryInstruments).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics.AddMeter(TelemetryInstruments.Name))
            .WithTracing(tracing => tracing.AddSource(TelemetryInstruments.Name));
        if (!string.IsNullOrWhiteSpace(appInsights))
        {
            builder.UseAzureMonitorExporter(options => options.ConnectionString = appInsights);
        }

        if (!string.IsNullOrWhiteSpace(otlp))
        {
            builder.UseOtlpExporter();
        }

        return services;
    }
}
