using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>
/// Finish run by a process that never saw the question (a Durable activity on another Functions instance): the turn's
/// total is still recorded, once, timed from the turn's acceptance, and its success follows the outcome.
/// </summary>
public sealed class FinishElsewhereTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData(TurnOutcomeKind.AnswerText, true)]
    [InlineData(TurnOutcomeKind.Fallback, false)]
    public async Task TurnAcceptedElsewhere_TotalRecordedFromItsAcceptance(TurnOutcomeKind kind, bool succeeded)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var acceptedAt = TimeProvider.System.GetUtcNow().AddSeconds(-2);
        var turn = new TurnInput(TurnIds.For(callSid, "https://recordings.exotel.com/q.mp3"), callSid, "https://recordings.exotel.com/q.mp3", "en-IN", acceptedAt, acceptedAt.AddSeconds(10));
        Assert.True(await _harness.Turns.CreateAsync(turn, CancellationToken.None));
        var outcome = kind == TurnOutcomeKind.Fallback
            ? new TurnOutcome(kind, TurnPrompts.Apology("en-IN"), Error: ErrorCategory.ProviderUnavailable, ErrorStage: StageNames.Stt)
            : new TurnOutcome(kind, "The Nashik centre is open from 10 to 5.");

        await _harness.Get<TurnSteps>().FinishAsync(new FinishStepInput(turn, outcome, TurnFacts.None), CancellationToken.None);

        var total = Assert.Single(_harness.Telemetry.StagesOf(turn.TurnId, StageNames.Turn));
        Assert.Equal(succeeded, total.Succeeded);
        Assert.Equal(succeeded ? null : ErrorCategory.ProviderUnavailable, total.Error);
        Assert.InRange(total.Elapsed, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30));
        Assert.True((await _harness.Turns.GetAsync(turn.TurnId, CancellationToken.None))?.IsCompleted);
    }
}
