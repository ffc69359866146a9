using System.Diagnostics;
using System.Net;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// A turn left <c>running</c> in storage past its deadline (its host crashed, or its completion was never saved) does not
/// hold the call: answer-ready and answer stop waiting for it at once, the caller hears the apology, and the turn view
/// shows it as <c>unfinished</c> rather than running for ever.
/// </summary>
public sealed class StuckTurnTests : IAsyncLifetime
{
    const double AnswerWaitSeconds = 25;

    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await CallFlowHarness.StartAsync($"--Turns:AnswerWaitSeconds={AnswerWaitSeconds}", "--Turns:ReadyWaitSeconds=10");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TurnRunningPastDeadline_AnswerDoesNotWait_ApologySpoken_ViewSaysUnfinished()
    {
        var now = TimeProvider.System.GetUtcNow();
        var stuck = await OrphanTurnAsync(now.AddMinutes(-2), now.AddMinutes(-1));

        var watch = Stopwatch.StartNew();
        var ready = await _harness.GetAsync("exotel/answer-ready", new Dictionary<string, string?> { ["CallSid"] = stuck.CallSid });
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(TurnPrompts.Apology("en-IN"), await _harness.AnswerAsync(stuck.CallSid));
        // Waiting for the stuck turn would take the whole answer wait (25 s); a lot of margin is left for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(AnswerWaitSeconds / 2), $"answer-ready and answer took {watch.Elapsed}");

        var view = await _harness.TurnJsonAsync(stuck.TurnId);
        Assert.Equal(TurnStatuses.Unfinished, view.GetProperty("status").GetString());
        // Stored as it was: the view only says what the flow makes of it.
        Assert.Equal(TurnStatuses.Running, (await _harness.Turns.GetAsync(stuck.TurnId, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task TurnRunningWithinDeadline_ViewSaysRunning()
    {
        var now = TimeProvider.System.GetUtcNow();
        var running = await OrphanTurnAsync(now, now.AddMinutes(5));

        var view = await _harness.TurnJsonAsync(running.TurnId);
        Assert.Equal(TurnStatuses.Running, view.GetProperty("status").GetString());
    }

    /// <summary>A turn stored as accepted and never run by any host, as a crash would leave it.</summary>
    async Task<TurnInput> OrphanTurnAsync(DateTimeOffset acceptedAt, DateTimeOffset deadline)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var url = _harness.Recordings.Url($"rec/{callSid}.wav");
        var input = new TurnInput(TurnIds.For(callSid, url), callSid, url, "en-IN", acceptedAt, deadline);
        Assert.True(await _harness.Turns.CreateAsync(input, CancellationToken.None));
        return input;
    }
}
