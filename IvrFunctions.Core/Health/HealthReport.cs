namespace IvrFunctions.Core.Health;

/// <summary>What <c>GET /api/health</c> returns.</summary>
public sealed record HealthReport(
    string Status,
    string Version,
    string Host,
    StorageHealth Storage,
    ProviderHealth Providers);

public sealed record StorageHealth(bool Reachable, string Account, double LatencyMs, string? Error);

public sealed record ProviderHealth(string Speech, string Answers, bool OfflineActive, string? Note);
