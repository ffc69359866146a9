using IvrFunctions.Core.Configuration;

namespace IvrFunctions.Core.Health;

public sealed class HealthService(StorageHealthProbe storageProbe, ActiveProviders providers, HostInfo host)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken = default)
    {
        var storage = await storageProbe.ProbeAsync(cancellationToken);
        var note = providers.AnyOffline
            ? "Offline providers are active (local and demo use): configure Google and OpenAI credentials for production quality."
            : null;
        return new HealthReport(
            storage.Reachable ? "healthy" : "unhealthy",
            ProductInfo.Version,
            host.Name,
            storage,
            new ProviderHealth(providers.Speech, providers.Answers, providers.AnyOffline, note));
    }
}
