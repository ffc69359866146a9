using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>Providers fail or slow down while calls are running: no 5xx, every caller hears something, one turn per question, recovery after.</summary>
public sealed class ProviderFaultTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync("--Turns:DeadlineSeconds=6", "--Turns:AttemptTimeoutSeconds=1");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task OutagesAndSlowdownsMidLoad_EveryCallerHearsSomething_NoDuplicates_Recovers()
    {
        const int calls = 16;
        const int turns = 3;
        _harness.Speech.Behaviour.Latency = TimeSpan.FromMilliseconds(30);
        _harness.Answers.Behaviour.Latency = TimeSpan.FromMilliseconds(50);
        var walk = new CallerWalk(_harness);

        var load = Task.WhenAll(Enumerable.Range(0, calls).Select(_ => walk.CallAsync(turns, TimeSpan.FromSeconds(30))));
        await Task.Delay(300);
        _harness.Answers.Behaviour.Always = _ => throw new ClassifiedException(ErrorCategory.ProviderUnavailable, "fake RAG outage");
        await Task.Delay(700);
        _harness.Answers.Behaviour.Always = null;
        _harness.Synthesizer.Behaviour.Always = _ => throw new ClassifiedException(ErrorCategory.ProviderAuth, "fake TTS outage");
        _harness.Speech.Behaviour.Latency = TimeSpan.FromMilliseconds(1500); // past the 1 s attempt timeout: timeouts, retries
        await Task.Delay(1000);
        _harness.Synthesizer.Behaviour.Always = null;
        _harness.Speech.Behaviour.Latency = TimeSpan.FromMilliseconds(30);
        await load.WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Empty(walk.ServerErrors);
        Assert.Empty(walk.Problems);
        Assert.Equal(calls * turns, walk.Answers.Count);
        Assert.All(walk.Answers, a => Assert.True(CallerWalk.IsSensible(a.Answer), a.Answer));
        foreach (var callSid in walk.Answers.Select(a => a.CallSid).Distinct())
        {
            Assert.Equal(turns, await _harness.Turns.CountAsync(callSid, CancellationToken.None));
        }

        // One turn timer per turn: no turn ran twice.
        foreach (var (_, turnId, _) in walk.Answers)
        {
            Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Turn));
        }

        // No failure goes unrecorded: every caller who did not get audio has an error record for that turn (this telemetry
        // keeps everything in memory: there is no buffer, so nothing can be dropped or need counting).
        foreach (var (_, turnId, answer) in walk.Answers.Where(a => !a.Answer.StartsWith("http", StringComparison.Ordinal)))
        {
            Assert.Contains(_harness.Telemetry.Errors, e => e.Context.TurnId == turnId);
        }

        // Recovery: a new call after the faults gets real audio.
        var after = new CallerWalk(_harness);
        await after.CallAsync(1, TimeSpan.FromSeconds(20));
        Assert.StartsWith("http", Assert.Single(after.Answers).Answer, StringComparison.Ordinal);
    }
}
