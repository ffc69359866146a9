using System.Collections.Concurrent;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Tests.Insights;

/// <summary>A loopback HTTP endpoint standing in for a chat webhook: answers the queued status codes (then 200) and remembers every request.</summary>
sealed class WebhookReceiver : IAsyncDisposable
{
    readonly ConcurrentQueue<int> _statuses = new();
    LoopbackWebApp _app = null!;

    public Uri Url => new(_app.BaseAddress, "hook");

    public ConcurrentQueue<(string? Key, string Body, int Status)> Requests { get; } = new();

    /// <summary>The next requests get these statuses, in order; after them, 200.</summary>
    public void FailNext(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _statuses.Enqueue(status);
        }
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        receiver._app = await LoopbackWebApp.StartAsync(app => app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._statuses.TryDequeue(out var queued) ? queued : 200;
            receiver.Requests.Enqueue((request.Headers["Idempotency-Key"].ToString(), body, status));
            return Results.StatusCode(status);
        }));
        return receiver;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
