using System.Net;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// The SelfHost stops while turns run: they are finished with a fallback, not lost, and so is their telemetry (the real
/// Table-backed capture, flushed at shutdown); a new host on the same storage answers for them and takes new calls.
/// </summary>
public sealed class HostRestartTests
{
    [Fact]
    public async Task HostStoppedMidTurn_TurnsMarkedFailedWithFallback_NewHostServesThemAndNewCalls()
    {
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var first = await CallFlowHarness.StartAsync(null, storedTelemetry: true);
        var firstBuffer = first.Get<TelemetryBuffer>();
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

        // Each turn's `turn` record, written as the first host stopped, is stored once or counted as dropped there.
        string[] turnIds = [.. asked.Select(a => a.TurnId)];
        var reader = second.Get<TelemetryReader>();
        List<IGrouping<string?, TelemetryRecord>> stored = [];
        await Eventually.TrueAsync(async () =>
        {
            var records = new List<TelemetryRecord>();
            await foreach (var record in reader.ReadRecordsAsync(TelemetryRecordKind.Stage, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
            {
                records.Add(record);
            }

            stored = [.. records.Where(r => r.Component == StageNames.Turn && turnIds.Contains(r.TurnId)).GroupBy(r => r.TurnId)];
            return stored.Count + firstBuffer.DroppedRecords >= turnIds.Length;
        }, TimeSpan.FromSeconds(30), "the stopped host's turn records");
        Assert.All(stored, g => Assert.False(Assert.Single(g).Success));

        var fresh = new CallerWalk(second);
        await fresh.CallAsync(1, TimeSpan.FromSeconds(20));
        Assert.Empty(fresh.Problems);
        Assert.StartsWith("http", Assert.Single(fresh.Answers).Answer, StringComparison.Ordinal);
    }
}
