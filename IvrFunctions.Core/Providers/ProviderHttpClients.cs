using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Providers;

/// <summary>Named <see cref="HttpClient"/>s for the providers, each with <see cref="ProviderResilience"/> and its vendor's error mapper.</summary>
public static class ProviderHttpClients
{
    public const string Google = "ivr-google";
    public const string OpenAI = "ivr-openai";

    public static IServiceCollection AddProviderHttpClient<TMapper>(this IServiceCollection services, string name)
        where TMapper : class, IProviderErrorMapper
    {
        services.AddSingleton<TMapper>();
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddResilienceHandler(name, (pipeline, context) => ProviderResilience.Configure(
                pipeline,
                context.ServiceProvider.GetRequiredService<TMapper>(),
                context.ServiceProvider.GetRequiredService<IOptions<ProviderHttpOptions>>().Value,
                context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System,
                context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("IvrFunctions.Core.Providers.ProviderHttp"),
                name));
        return services;
    }
}
