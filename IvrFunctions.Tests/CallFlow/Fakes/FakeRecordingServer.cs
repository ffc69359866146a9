using System.Collections.Concurrent;
using System.Text;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>
/// A loopback stand-in for Exotel's recording host: WAV, MP3, garbage, oversized and redirecting recordings, behind
/// Basic auth, and a log of every request it saw.
/// </summary>
public sealed class FakeRecordingServer : IAsyncDisposable
{
    public const string ApiKey = "exo-key";
    public const string ApiToken = "exo-token";

    LoopbackWebApp _app = null!;

    FakeRecordingServer()
    {
    }

    public int Port => _app.BaseAddress.Port;

    public ConcurrentQueue<(string Host, string Path, string? Authorization)> Requests { get; } = new();

    /// <summary>A recording URL on 127.0.0.1 (the allowed host in the tests); <paramref name="path"/> picks the behaviour.</summary>
    public string Url(string path) => $"http://127.0.0.1:{Port}/{path.TrimStart('/')}";

    /// <summary>Bytes served as-is (audio/wav) at <c>/files/{name}</c>, for tests that bring their own recordings.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new(StringComparer.Ordinal);

    public int RequestsFor(string pathPart) => Requests.Count(r => r.Path.Contains(pathPart, StringComparison.Ordinal));

    public static async Task<FakeRecordingServer> StartAsync()
    {
        var server = new FakeRecordingServer();
        server._app = await LoopbackWebApp.StartAsync(app => Map(app, server));
        return server;
    }

    static void Map(WebApplication app, FakeRecordingServer server)
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{ApiKey}:{ApiToken}"));
        app.Use(async (context, next) =>
        {
            server.Requests.Enqueue((context.Request.Host.Host, context.Request.Path.Value ?? string.Empty, context.Request.Headers.Authorization.ToString()));
            if (context.Request.Headers.Authorization.ToString() != expected && !context.Request.Path.StartsWithSegments("/open"))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/rec/{name}.wav", () => Results.Bytes(TestAudio.Wav(1.5), "audio/wav"));
        app.MapGet("/rec/{name}.mp3", () => Results.Bytes(TestAudio.Mp3(2), "audio/mpeg"));
        app.MapGet("/open/{name}.wav", () => Results.Bytes(TestAudio.Wav(1), "audio/wav"));
        app.MapGet("/garbage/{name}", () => Results.Text("<html><body>Not a recording</body></html>", "audio/wav"));
        app.MapGet("/long/{name}.wav", () => Results.Bytes(TestAudio.Wav(200), "audio/wav"));
        app.MapGet("/huge/{name}.wav", async (HttpContext context) =>
        {
            context.Response.ContentType = "audio/wav";
            context.Response.ContentLength = 64L * 1024 * 1024;
            await context.Response.Body.WriteAsync(TestAudio.Wav(1));
        });
        app.MapGet("/stream/{name}.wav", async (HttpContext context) =>
        {
            // No Content-Length: the limit has to be enforced while reading.
            context.Response.ContentType = "audio/wav";
            var chunk = TestAudio.Wav(4);
            for (var i = 0; i < 200 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        app.MapGet("/redirect-away/{name}", (HttpContext context) =>
            Results.Redirect($"http://localhost:{context.Connection.LocalPort}/rec/away.wav"));
        app.MapGet("/redirect-same/{name}", () => Results.Redirect("/rec/moved.wav"));
        app.MapGet("/status/{code:int}/{name}", (int code) => Results.StatusCode(code));
        app.MapGet("/files/{name}", (string name) =>
            server.Files.TryGetValue(name, out var bytes) ? Results.Bytes(bytes, "audio/wav") : Results.NotFound());
        app.MapGet("/redirect-to/{name}", (string to) => Results.Redirect(to));
        app.MapGet("/slow-hour/{name}.wav", async (HttpContext context) =>
        {
            // A header claiming an hour, then the hour itself, trickled in 64 KB chunks (no Content-Length).
            context.Response.ContentType = "audio/wav";
            var header = TestAudio.Wav(0);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(40), 3600 * 16000);
            await context.Response.Body.WriteAsync(header, context.RequestAborted);
            var chunk = new byte[64 * 1024];
            for (var i = 0; i < 2000 && !context.RequestAborted.IsCancellationRequested; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(20, context.RequestAborted);
            }
        });
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
