using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>
/// A small web app on a free 127.0.0.1 port: the call simulator's recording host, and the loopback stand-ins for Exotel,
/// Google, OpenAI and chat webhooks in the tests, benchmarks and load driver.
/// </summary>
public sealed class LoopbackWebApp : IAsyncDisposable
{
    readonly WebApplication _app;

    LoopbackWebApp(WebApplication app)
    {
        _app = app;
        BaseAddress = AddressOf(app.Services);
    }

    /// <summary>The app's address, ending in <c>/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Builds the app, lets <paramref name="map"/> add its endpoints, and starts it.</summary>
    public static async Task<LoopbackWebApp> StartAsync(Action<WebApplication> map, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync(cancellationToken);
        return new LoopbackWebApp(app);
    }

    /// <summary>The first address a started Kestrel host listens on, ending in <c>/</c>.</summary>
    public static Uri AddressOf(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/') + "/");

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
