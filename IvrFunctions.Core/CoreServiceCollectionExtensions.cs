using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Health;
using IvrFunctions.Core.Providers;
using IvrFunctions.Core.Insights;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers Core's options (validated at start), storage clients and health checks. Both hosts call this.</summary>
    public static IServiceCollection AddIvrCore(this IServiceCollection services, IConfiguration configuration, string hostName)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(new HostInfo(hostName));

        services.AddOptions<IvrOptions>().Bind(configuration.GetSection(IvrOptions.SectionName)).ValidateOnStart();
        services.AddOptions<SpeechOptions>().Bind(configuration.GetSection(SpeechOptions.SectionName));
        services.AddOptions<AnswersOptions>().Bind(configuration.GetSection(AnswersOptions.SectionName));
        services.AddOptions<GoogleOptions>().Bind(configuration.GetSection(GoogleOptions.SectionName));
        services.AddOptions<OpenAIOptions>().Bind(configuration.GetSection(OpenAIOptions.SectionName));
        services.AddOptions<AzureOpenAIOptions>().Bind(configuration.GetSection(AzureOpenAIOptions.SectionName));
        services.AddOptions<ExotelOptions>().Bind(configuration.GetSection(ExotelOptions.SectionName));
        services.AddOptions<StorageOptions>().Configure(options => BindStorage(configuration, options));
        services.AddSingleton<IValidateOptions<IvrOptions>, IvrOptionsValidation>();

        services.AddSingleton<ActiveProviders>();
        services.AddSingleton<StorageAccount>();
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<StorageGuard>();
        services.AddHostedService<StorageProvisioningService>();
        services.AddSingleton<StorageHealthProbe>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<InfoService>();
        services.AddIvrTelemetry(configuration);
        services.AddIvrCallFlow(configuration);
        services.AddIvrProviders(configuration);
        services.AddIvrInsights(configuration);
        return services;
    }

    static void BindStorage(IConfiguration configuration, StorageOptions options)
    {
        var section = configuration.GetSection(StorageOptions.Key);
        options.ConnectionString = string.IsNullOrWhiteSpace(section.Value) ? null : section.Value;
        options.BlobServiceUri = section.GetValue<Uri?>("blobServiceUri");
        options.TableServiceUri = section.GetValue<Uri?>("tableServiceUri");
        options.ClientId = section["clientId"];
    }
}
