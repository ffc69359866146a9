using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// Storage (an in-memory Azurite of the test's own) stops while turns are inside their provider calls, and comes back
/// empty: callers still hear the answer, each turn's completion is saved once storage answers (tables provisioned again),
/// its telemetry is stored once or counted as dropped, and completions that can never be saved are counted, not lost.
/// </summary>
public sealed class CallFlowStorageOutageTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    const string AnswerText = "The Nashik centre is open from 10 to 5.";
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);

    StoppableAzurite _azurite = null!;

    public async Task InitializeAsync()
    {
        _azurite = await StoppableAzurite.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();
    }

    [Fact]
    public async Task StorageStoppedMidTurns_CallersHearTheAnswer_CompletionsSavedWhenStorageReturnsEmpty()
    {
        await using var harness = await StartAsync(storedTelemetry: true, "--Turns:DeadlineSeconds=60", "--Turns:AttemptTimeoutSeconds=20",
            "--Telemetry:FlushInterval=00:00:00.200", "--Telemetry:MaxRetryDelay=00:00:01");
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var walk = new CallerWalk(harness);
        var pending = harness.Get<PendingTurnCompletions>();

        // Three turns are held once their answer audio is stored, three more inside speech-to-text.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Synthesizer.AfterStored.Always = ct => release.Task.WaitAsync(ct);
        var audioStored = await AskAsync(harness, walk, 3);
        await Eventually.TrueAsync(() => harness.Synthesizer.AfterStored.Calls == 3, Bound, "three turns past their audio upload");
        harness.Speech.Behaviour.Always = ct => release.Task.WaitAsync(ct);
        var inSpeech = await AskAsync(harness, walk, 3);
        await Eventually.TrueAsync(() => harness.Speech.Behaviour.Calls == 6, Bound, "three more turns inside speech-to-text");

        await StopStorageAsync();
        harness.Synthesizer.AfterStored.Always = null;
        harness.Speech.Behaviour.Always = null;
        release.SetResult();
        await Eventually.TrueAsync(() => pending.Count == 6, Bound, "six turns finished with their completion not saved");

        // Storage is down: each caller still hears the answer, as text Exotel speaks (answer audio is only served from a
        // stored turn; for the second three it could not be stored at all).
        foreach (var (callSid, _) in audioStored.Concat(inSpeech))
        {
            await harness.WaitReadyAsync(callSid, Bound);
            Assert.Equal(AnswerText, await harness.AnswerAsync(callSid));
        }

        await StartStorageAgainAsync();
        await Eventually.TrueAsync(() => pending.Count == 0, Bound, "completions saved once storage answered");
        Assert.Equal(6, pending.Saved);
        Assert.Equal(0, pending.Abandoned);

        // The tables and containers are back (provisioned again on the first "table not found"), and each turn is stored
        // completed, whole (its input too: the row written at acceptance was lost), once.
        Assert.True(harness.Get<StorageProvisioner>().Generation >= 1);
        var account = harness.Get<StorageAccount>();
        foreach (var table in StorageNames.Tables)
        {
            Assert.True(await TableExistsAsync(account, table), $"table {table} not recreated");
        }

        foreach (var container in StorageNames.Containers)
        {
            Assert.True((await account.Container(container).ExistsAsync()).Value, $"container {container} not recreated");
        }

        foreach (var (callSid, turnId) in audioStored.Concat(inSpeech))
        {
            var turn = await harness.Turns.GetAsync(turnId, CancellationToken.None);
            Assert.NotNull(turn);
            Assert.True(turn.IsCompleted, $"turn {turnId} is {turn.Status}");
            Assert.Equal(AnswerText, turn.Outcome!.SpokenText);
            Assert.Equal(audioStored.Contains((callSid, turnId)) ? TurnOutcomeKind.Audio : TurnOutcomeKind.AnswerText, turn.Outcome.Kind);
            Assert.True(turn.AcceptedAt > from, $"turn {turnId} accepted at {turn.AcceptedAt}");
            Assert.True(turn.Deadline > turn.AcceptedAt);
            Assert.Equal(1, await harness.Turns.CountAsync(callSid, CancellationToken.None));
        }

        // Telemetry: each turn's `turn` record and its "completion not saved" storage error are stored once, or counted as dropped.
        var buffer = harness.Get<TelemetryBuffer>();
        var reader = harness.Get<TelemetryReader>();
        string[] turnIds = [.. audioStored.Concat(inSpeech).Select(t => t.TurnId)];
        List<IGrouping<string?, TelemetryRecord>> turnRecords = [];
        List<TelemetryRecord> storageErrors = [];
        await Eventually.TrueAsync(async () =>
        {
            turnRecords = [.. (await ReadAsync(reader, TelemetryRecordKind.Stage, from))
                .Where(r => r.Component == StageNames.Turn && turnIds.Contains(r.TurnId))
                .GroupBy(r => r.TurnId)];
            storageErrors = [.. (await ReadAsync(reader, TelemetryRecordKind.Error, from))
                .Where(r => r.Component == "storage" && turnIds.Contains(r.TurnId))
                .Where(r => r.Detail?.Contains("completion not saved", StringComparison.Ordinal) == true)];
            return turnRecords.Count + buffer.DroppedRecords >= turnIds.Length
                && storageErrors.Select(e => e.TurnId).Distinct().Count() + buffer.DroppedRecords >= turnIds.Length;
        }, Bound, "turn records and storage errors flushed");
        output.WriteLine($"turn records {turnRecords.Count}, storage errors {storageErrors.Count}, drops {buffer.DroppedRecords}, "
            + $"generation {harness.Get<StorageProvisioner>().Generation}");
        Assert.All(turnRecords, g => Assert.Single(g));
        Assert.All(storageErrors, e => Assert.Equal(ErrorCategory.Storage, e.ErrorCategory));
        Assert.All(storageErrors.GroupBy(e => e.TurnId), g => Assert.Single(g));

        // Recovery: a new call is answered with audio.
        var after = new CallerWalk(harness);
        await after.CallAsync(1, TimeSpan.FromSeconds(30));
        Assert.Empty(after.Problems);
        Assert.StartsWith("http", Assert.Single(after.Answers).Answer, StringComparison.Ordinal);
        Assert.Empty(walk.ServerErrors.Concat(after.ServerErrors));
    }

    [Fact]
    public async Task AudioFetchedWhileStorageIsDown_Is503WithRetryAfter_NotA500()
    {
        await using var harness = await StartAsync(storedTelemetry: false, "--Turns:DeadlineSeconds=30");
        var walk = new CallerWalk(harness);
        await walk.CallAsync(1, TimeSpan.FromSeconds(30));
        var audioUrl = new Uri(Assert.Single(walk.Answers).Answer);
        using var exotel = new HttpClient();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await exotel.GetAsync(audioUrl)).StatusCode);

        await StopStorageAsync();
        using var unavailable = await exotel.GetAsync(audioUrl);

        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(2), unavailable.Headers.RetryAfter?.Delta);
        Assert.Empty(walk.ServerErrors);
    }

    [Fact]
    public async Task CompletionNeverSaved_GivenUpPastItsBound_CountedAsStorageError()
    {
        await using var harness = await StartAsync(storedTelemetry: false, "--Turns:DeadlineSeconds=15", "--Turns:CompletionRetrySeconds=1");
        var pending = harness.Get<PendingTurnCompletions>();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Speech.Behaviour.Always = ct => release.Task.WaitAsync(ct);
        var asked = await AskAsync(harness, new CallerWalk(harness), 2);
        await Eventually.TrueAsync(() => harness.Speech.Behaviour.Calls == 2, Bound, "two turns inside speech-to-text");

        await StopStorageAsync(); // and it stays down
        release.SetResult();
        await Eventually.TrueAsync(() => pending.Abandoned == 2, Bound, "both completions given up");

        Assert.Equal(0, pending.Count);
        Assert.Equal(0, pending.Saved);
        foreach (var (_, turnId) in asked)
        {
            var counted = harness.Telemetry.Errors.Where(e => e.Context.TurnId == turnId && e.Component == "storage").ToList();
            Assert.Contains(counted, e => e.Category == ErrorCategory.Storage && e.Detail!.Contains("completion not saved", StringComparison.Ordinal));
            Assert.Single(counted, e => e.Category == ErrorCategory.Storage && e.Detail!.Contains("abandoned", StringComparison.Ordinal));
            // The turn itself is over: its timer closed once.
            Assert.Single(harness.Telemetry.StagesOf(turnId, StageNames.Turn));
        }
    }

    [Fact]
    public async Task HostStopsWithCompletionUnsaved_CountedAsStorageError()
    {
        var harness = await StartAsync(storedTelemetry: false, "--Turns:DeadlineSeconds=30");
        PendingTurnCompletions pending;
        (string CallSid, string TurnId) asked;
        try
        {
            pending = harness.Get<PendingTurnCompletions>();
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            harness.Speech.Behaviour.Always = ct => release.Task.WaitAsync(ct);
            asked = Assert.Single(await AskAsync(harness, new CallerWalk(harness), 1));
            await Eventually.TrueAsync(() => harness.Speech.Behaviour.Calls == 1, Bound, "the turn inside speech-to-text");
            await StopStorageAsync();
            release.SetResult();
            await Eventually.TrueAsync(() => pending.Count == 1, Bound, "the turn finished with its completion not saved");
        }
        finally
        {
            await harness.DisposeAsync();
        }

        Assert.Equal(0, pending.Count);
        Assert.Equal(1, pending.Abandoned);
        Assert.Single(harness.Telemetry.Errors, e => e.Context.TurnId == asked.TurnId && e.Category == ErrorCategory.Storage
            && e.Detail!.Contains("abandoned", StringComparison.Ordinal) && e.Detail.Contains("host stopped", StringComparison.Ordinal));
    }

    async Task<CallFlowHarness> StartAsync(bool storedTelemetry, params string[] settings)
    {
        var harness = await CallFlowHarness.StartAsync(_azurite.ConnectionString, storedTelemetry, settings);
        await harness.Get<StorageProvisioner>().Ready.WaitAsync(Bound);
        return harness;
    }

    static async Task<List<(string CallSid, string TurnId)>> AskAsync(CallFlowHarness harness, CallerWalk walk, int calls)
    {
        var asked = new List<(string CallSid, string TurnId)>();
        for (var i = 0; i < calls; i++)
        {
            var callSid = CallFlowHarness.NewCallSid();
            var url = harness.Recordings.Url($"rec/{callSid}.wav");
            Assert.Equal(System.Net.HttpStatusCode.OK, await walk.SendAsync("exotel/incoming", new() { ["CallSid"] = callSid, ["CallFrom"] = "09876543210" }));
            Assert.Equal(System.Net.HttpStatusCode.OK, await walk.SendAsync("exotel/question", new() { ["CallSid"] = callSid, ["RecordingUrl"] = url }));
            asked.Add((callSid, TurnIds.For(callSid, url)));
        }

        return asked;
    }

    Task StopStorageAsync() => _azurite.StopAsync();

    /// <summary>Azurite again on the same ports; in memory, so it comes back without any table, container or row.</summary>
    Task StartStorageAgainAsync() => _azurite.StartAgainAsync();

    static async Task<bool> TableExistsAsync(StorageAccount account, string table)
    {
        await foreach (var _ in account.Tables.QueryAsync(t => t.Name == table))
        {
            return true;
        }

        return false;
    }

    static async Task<List<TelemetryRecord>> ReadAsync(TelemetryReader reader, TelemetryRecordKind kind, DateTimeOffset from)
    {
        var records = new List<TelemetryRecord>();
        try
        {
            await foreach (var record in reader.ReadRecordsAsync(kind, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
            {
                records.Add(record);
            }
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            // The flusher has not recreated its table yet.
        }

        return records;
    }
}
