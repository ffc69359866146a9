using System.Net;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>The SelfHost stops while turns run: they are finished with a fallback, not lost; a new host on the same storage answers for them and takes new calls.</summary>
public sealed class HostRestartTests
{
    [Fact]
    public async Task HostStoppedMidTurn_TurnsMarkedFailedWithFallback_NewHostServesThemAndNewCalls()
    {
        var first = await CallFlowHarness.StartAsync();
        var asked = new List<(string CallSid, string TurnId)>();
        try
        {
            first.Speech.Behaviour.Always = FakeBehaviour.Hang; // every turn is inside STT when the host stops
            for (var i = 0; i < 6; i++)
            {
                var callSid = CallFlowHarness.NewCallSid();
                var url = first.Recordings.Url($"rec/{callSid}.wav");
                var question = await first.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = url });
                Assert.Equal(HttpStatusCode.OK, question.StatusCode);
                asked.Add((callSid, TurnIds.For(callSid, url)));
            }

            for (var i = 0; i < 100 && first.Speech.Behaviour.Calls < asked.Count; i++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            await first.Server.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(60));
            await first.Recordings.DisposeAsync();
        }

        await using var second = await CallFlowHarness.StartAsync();
        foreach (var (callSid, turnId) in asked)
        {
            var turn = await second.Turns.GetAsync(turnId, CancellationToken.None);
            Assert.NotNull(turn);
            Assert.True(turn.IsCompleted, $"turn {turnId} left unfinished");
            Assert.Equal(TurnOutcomeKind.Fallback, turn.Outcome!.Kind);
            Assert.Equal(TurnPrompts.Apology("en-IN"), await second.AnswerAsync(callSid));
        }

        var fresh = new CallerWalk(second);
        await fresh.CallAsync(1, TimeSpan.FromSeconds(20));
        Assert.Empty(fresh.Problems);
        Assert.StartsWith("http", Assert.Single(fresh.Answers).Answer, StringComparison.Ordinal);
    }
}
