using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Privacy;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry;

public static class TelemetryServiceCollectionExtensions
{
    /// <summary>
    /// Registers telemetry capture (<see cref="ITelemetry"/> = <see cref="TableTelemetry"/>), the background flusher (a hosted
    /// service, flushed on stop), the reader, prices and free tiers, retention, and OpenTelemetry export. Needs
    /// <see cref="TimeProvider"/>, <c>HostInfo</c> and <c>StorageAccount</c> (registered by <c>AddIvrCore</c>, which calls this).
    /// </summary>
    public static IServiceCollection AddIvrTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetryOptions>().Bind(configuration.GetSection(TelemetryOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidation>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<TelemetryOptions>, DevelopmentCallerHashKey>());
        services.AddOptions<PriceOptions>().Bind(configuration.GetSection(PriceOptions.SectionName));
        services.AddMetrics();

        services.TryAddSingleton<TelemetryInstruments>();
        services.TryAddSingleton<TelemetryBuffer>();
        services.TryAddSingleton(sp => new PriceTable(sp.GetRequiredService<IOptions<PriceOptions>>()));
        services.TryAddSingleton<CostCalculator>();
        services.TryAddSingleton(sp => new CallerNumberHasher(sp.GetRequiredService<IOptions<TelemetryOptions>>()));
        services.TryAddSingleton(sp => new TelemetryTables(sp.GetRequiredService<StorageAccount>(), sp.GetRequiredService<IOptions<TelemetryOptions>>()));
        services.TryAddSingleton<TelemetryFlusher>();
        services.TryAddSingleton<TelemetryReader>();
        services.TryAddSingleton<SegmentedRecordReader>();
        services.TryAddSingleton<TelemetryRetention>();
        services.TryAddSingleton<FreeTierService>();
        services.TryAddSingleton<TableTelemetry>();
        services.TryAddSingleton<ITelemetry>(sp => sp.GetRequiredService<TableTelemetry>());
        services.AddHostedService<TelemetryFlushService>();
        services.AddIvrOpenTelemetry(configuration);
        return services;
    }
}
