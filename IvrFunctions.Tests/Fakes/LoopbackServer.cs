using System.Collections.Concurrent;
using System.Text;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Tests.Fakes;

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, for vendor fakes: records every request (method, path, query, headers, body),
/// and answers from a queue of scripted responses first (errors, slow responses), else from the fake's own handler.
/// </summary>
public abstract class LoopbackServer : IAsyncDisposable
{
    readonly ConcurrentQueue<ScriptedResponse> _script = new();
    LoopbackWebApp? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>A response to send instead of the fake's own, once, after <paramref name="Delay"/>.</summary>
    public sealed record ScriptedResponse(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

    public void Enqueue(params ScriptedResponse[] responses)
    {
        foreach (var response in responses)
        {
            _script.Enqueue(response);
        }
    }

    protected async Task StartAsync()
    {
        _app = await LoopbackWebApp.StartAsync(app => app.Run(HandleAsync));
        BaseAddress = _app.BaseAddress;
    }

    /// <summary>Answers a request the script did not take.</summary>
    protected abstract Task<(int Status, string Body)> RespondAsync(RecordedRequest request);

    async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new RecordedRequest(
            context.Request.Method,
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
        Requests.Enqueue(request);

        int status;
        string responseBody;
        if (_script.TryDequeue(out var scripted))
        {
            if (scripted.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(scripted.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            foreach (var (name, value) in scripted.Headers ?? new Dictionary<string, string>())
            {
                context.Response.Headers[name] = value;
            }

            (status, responseBody) = (scripted.Status, scripted.Body);
        }
        else
        {
            (status, responseBody) = await RespondAsync(request);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(responseBody, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
