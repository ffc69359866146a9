using IvrFunctions.SelfHost.Azurite;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>
/// An Azurite of one test class's own, which the test stops and starts again on the same ports (an outage). In memory it
/// comes back empty; with a data folder it comes back with what it had saved.
/// </summary>
public sealed class StoppableAzurite : IAsyncDisposable
{
    AzuriteProcess? _process;

    StoppableAzurite(AzuriteSettings settings) => Settings = settings;

    public AzuriteSettings Settings { get; }

    public string ConnectionString => Settings.ConnectionString;

    public static async Task<StoppableAzurite> StartAsync(string? dataFolder = null)
    {
        var azurite = new StoppableAzurite(new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), dataFolder));
        await azurite.StartAgainAsync();
        return azurite;
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task StartAgainAsync() => _process ??= await AzuriteProcess.StartAsync(Settings);

    public ValueTask DisposeAsync() => new(StopAsync());
}
