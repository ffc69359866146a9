using IvrFunctions.SelfHost.Azurite;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test run, in memory, on free loopback ports; started on first use and stopped when the
/// test process exits. Tests isolate themselves by using their own table and container names.
/// </summary>
public static class TestAzurite
{
    static readonly Lazy<Task<AzuriteProcess>> Instance = new(StartAsync);

    public static Task<AzuriteProcess> GetAsync() => Instance.Value;

    public static async Task<string> ConnectionStringAsync() => (await GetAsync()).Settings.ConnectionString;

    static async Task<AzuriteProcess> StartAsync()
    {
        AzuriteProcess azurite;
        for (var attempt = 1; ; attempt++)
        {
            var settings = new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), DataFolder: null);
            try
            {
                azurite = await AzuriteProcess.StartAsync(settings);
                break;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A "free" port was taken by another process before Azurite bound it (EADDRINUSE): try new ports.
            }
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }

    /// <summary>A unique records-table prefix: short enough (40 characters) for the kind and the hour to follow it in a table name.</summary>
    public static string UniqueRecordsPrefix(string prefix)
    {
        var name = UniqueName(prefix.Length > 24 ? prefix[..24] : prefix);
        return name.Length > 40 ? name[..40] : name;
    }

    /// <summary>A name unique to one test, valid for both tables (alphanumeric) and containers (lower case).</summary>
    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 32, 63)].ToLowerInvariant();
}
