using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Benchmarks.Providers;

/// <summary>Kestrel on loopback answering each path with a fixed JSON body at once: the "provider" whose own time is the
/// baseline, so what a client adds on top of it can be measured.</summary>
sealed class CannedServer(LoopbackWebApp app) : IAsyncDisposable
{
    public Uri BaseAddress => app.BaseAddress;

    public static async Task<CannedServer> StartAsync(IReadOnlyDictionary<string, string> responses) =>
        new(await LoopbackWebApp.StartAsync(web => web.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(responses.TryGetValue(context.Request.Path.Value ?? "", out var body) ? body : "{}");
        })));

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
