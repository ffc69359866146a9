using System.Collections.Concurrent;
using System.Net;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// Walks calls like Exotel for the fault tests, never asserting inside the walk: every response status and every
/// answer body is collected, so a test can assert "no 5xx, every caller heard something sensible" over the whole load.
/// </summary>
public sealed class CallerWalk(HttpClient client, FakeRecordingServer recordings)
{
    public CallerWalk(CallFlowHarness harness)
        : this(harness.Client, harness.Recordings)
    {
    }

    public ConcurrentQueue<(string Route, int Status)> Responses { get; } = new();

    public ConcurrentQueue<(string CallSid, string TurnId, string Answer)> Answers { get; } = new();

    public ConcurrentQueue<string> Problems { get; } = new();

    public IEnumerable<int> ServerErrors => Responses.Where(r => r.Status >= 500).Select(r => r.Status);

    /// <summary>One call: incoming, <paramref name="turns"/> questions (each waited for, bounded), status.</summary>
    public async Task CallAsync(int turns, TimeSpan readyBound)
    {
        var callSid = CallFlowHarness.NewCallSid();
        await SendAsync("exotel/incoming", new() { ["CallSid"] = callSid, ["CallFrom"] = "09876543210" });
        for (var turn = 0; turn < turns; turn++)
        {
            var url = recordings.Url($"rec/{callSid}-{turn}.wav");
            if (await SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url }) != HttpStatusCode.OK)
            {
                Problems.Enqueue($"{callSid} turn {turn}: question not accepted");
                continue;
            }

            var watch = System.Diagnostics.Stopwatch.StartNew();
            while (await SendAsync("exotel/answer-ready", new() { ["CallSid"] = callSid }) != HttpStatusCode.OK)
            {
                if (watch.Elapsed > readyBound)
                {
                    Problems.Enqueue($"{callSid} turn {turn}: not ready within {readyBound}");
                    break;
                }
            }

            using var answer = await client.GetAsync(CallFlowHarness.Url("exotel/answer", new Dictionary<string, string?> { ["CallSid"] = callSid }));
            Responses.Enqueue(("exotel/answer", (int)answer.StatusCode));
            Answers.Enqueue((callSid, TurnIds.For(callSid, url), await answer.Content.ReadAsStringAsync()));
        }

        await SendAsync("exotel/status", new() { ["CallSid"] = callSid, ["Status"] = "completed", ["ConversationDuration"] = "30" });
    }

    public async Task<HttpStatusCode> SendAsync(string route, Dictionary<string, string?> parameters)
    {
        try
        {
            using var response = await client.GetAsync(CallFlowHarness.Url(route, parameters));
            Responses.Enqueue((route, (int)response.StatusCode));
            return response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Problems.Enqueue($"{route}: {ex.GetType().Name} {ex.Message}");
            Responses.Enqueue((route, 599));
            return (HttpStatusCode)599;
        }
    }

    /// <summary>What a caller may hear: an audio URL, the answer as text, or one of the fallback prompts.</summary>
    public static bool IsSensible(string body, string language = "en-IN") =>
        body.StartsWith("http", StringComparison.Ordinal)
        || body == TurnPrompts.Apology(language)
        || body == TurnPrompts.CouldNotHear(language)
        || body == "The Nashik centre is open from 10 to 5.";
}
