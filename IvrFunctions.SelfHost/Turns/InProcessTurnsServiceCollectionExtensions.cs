using IvrFunctions.Core.Turns;

namespace IvrFunctions.SelfHost.Turns;

static class InProcessTurnsServiceCollectionExtensions
{
    /// <summary>Runs turns in this process on a bounded worker pool (the SelfHost's <see cref="ITurnStarter"/>).</summary>
    public static IServiceCollection AddInProcessTurns(this IServiceCollection services)
    {
        services.AddSingleton<InProcessTurnRunner>();
        services.AddSingleton<ITurnStarter>(sp => sp.GetRequiredService<InProcessTurnRunner>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessTurnRunner>());
        return services;
    }
}
