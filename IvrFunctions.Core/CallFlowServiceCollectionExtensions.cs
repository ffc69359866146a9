using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Exotel;
using IvrFunctions.Core.Http;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IvrFunctions.Core;

public static class CallFlowServiceCollectionExtensions
{
    /// <summary>The Exotel call flow and the turn workflow's steps. The host adds its <see cref="ITurnStarter"/>.</summary>
    public static IServiceCollection AddIvrCallFlow(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TurnsOptions>().Bind(configuration.GetSection(TurnsOptions.SectionName));
        services.AddOptions<AudioOptions>().Bind(configuration.GetSection(AudioOptions.SectionName));
        services.AddOptions<SessionsOptions>().Bind(configuration.GetSection(SessionsOptions.SectionName));

        services.AddHttpClient(RecordingFetcher.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Redirects are followed by RecordingFetcher itself, and only to allowed hosts.
                AllowAutoRedirect = false,
                ConnectTimeout = TimeSpan.FromSeconds(3),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        services.AddSingleton<RecordingUrlPolicy>();
        services.AddSingleton<RecordingFetcher>();
        services.AddSingleton<SessionStore>();
        services.AddSingleton<OpenCallRegister>();
        services.AddSingleton<OpenCallTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<OpenCallTracker>());
        services.AddSingleton<TurnStore>();
        services.AddSingleton<TurnCompletionNotifier>();
        services.AddSingleton<PendingTurnCompletions>();
        services.AddHostedService(sp => sp.GetRequiredService<PendingTurnCompletions>());
        services.AddSingleton<TurnWaiter>();
        services.AddSingleton<TurnsRunningHere>();
        services.AddSingleton<AnswerAudioUrls>();
        services.AddSingleton<TurnSteps>();
        services.AddSingleton<InProcessStepRunner>();
        services.AddSingleton<ExotelWebhooks>();
        return services;
    }
}
