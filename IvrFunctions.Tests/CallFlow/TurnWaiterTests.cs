using System.Diagnostics;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>
/// The waiter behind answer-ready and answer, on real Table storage: a turn this process runs wakes it by signal (no
/// storage polling while it runs); a turn finished elsewhere (another Functions instance) is found by its re-checks.
/// </summary>
public sealed class TurnWaiterTests : IAsyncLifetime
{
    static readonly TimeSpan Bound = TimeSpan.FromSeconds(3);

    TurnStore _store = null!;
    readonly TurnCompletionNotifier _notifier = new(TimeProvider.System);
    readonly TurnsRunningHere _runningHere = new();
    TurnWaiter _waiter = null!;
    PendingTurnCompletions _pending = null!;

    public async Task InitializeAsync()
    {
        var storage = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = await TestAzurite.ConnectionStringAsync() }));
        var provisioner = new StorageProvisioner(storage, NullLogger<StorageProvisioner>.Instance);
        await provisioner.EnsureCreatedAsync();
        _store = new TurnStore(storage, new StorageGuard(provisioner));
        _pending = new PendingTurnCompletions(_store, new RecordingTelemetry(), Options.Create(new TurnsOptions()), TimeProvider.System, NullLogger<PendingTurnCompletions>.Instance);
        _waiter = new TurnWaiter(_store, _notifier, _pending, _runningHere, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _pending.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TurnFinishedElsewhere_IsFoundByARecheck_BeforeTheBound()
    {
        var turn = await AcceptAsync();
        var waiting = TimedWaitAsync(turn.CallSid);

        await Task.Delay(300);
        await CompleteInStorageAsync(turn); // another instance: storage changes, no signal here

        var (found, elapsed) = await waiting;
        Assert.True(found?.IsCompleted, "the waiter should re-read storage and see the turn completed elsewhere");
        Assert.True(elapsed < Bound, $"returned after {elapsed.TotalMilliseconds:0} ms, the bound is {Bound.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task TurnRunningHere_WakesOnItsSignal()
    {
        var turn = await AcceptAsync();
        _runningHere.Add(turn.TurnId);
        var waiting = TimedWaitAsync(turn.CallSid);

        await Task.Delay(300);
        await CompleteInStorageAsync(turn);
        _notifier.Signal(turn.CallSid);

        var (found, elapsed) = await waiting;
        Assert.True(found?.IsCompleted);
        Assert.True(elapsed < Bound, $"returned after {elapsed.TotalMilliseconds:0} ms, the bound is {Bound.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task TurnRunningHere_IsNotPolled_ItsSignalIsAwaited()
    {
        var turn = await AcceptAsync();
        _runningHere.Add(turn.TurnId);
        var waiting = TimedWaitAsync(turn.CallSid);

        await Task.Delay(300);
        // Storage changes without this process signalling: only a poll could see it, and a turn run here is not polled.
        await CompleteInStorageAsync(turn);

        var (found, elapsed) = await waiting;
        Assert.False(found?.IsCompleted, "the waiter re-read storage for a turn this process runs");
        Assert.True(elapsed >= Bound - TimeSpan.FromMilliseconds(50), $"returned after {elapsed.TotalMilliseconds:0} ms, before the bound");
    }

    async Task<TurnInput> AcceptAsync()
    {
        var callSid = Guid.NewGuid().ToString("N");
        var now = TimeProvider.System.GetUtcNow();
        var turn = new TurnInput(TurnIds.For(callSid, $"https://recordings.example/{callSid}.wav"), callSid, "https://recordings.example/r.wav", "en-IN", now, now.AddSeconds(30));
        Assert.True(await _store.CreateAsync(turn, CancellationToken.None));
        return turn;
    }

    Task CompleteInStorageAsync(TurnInput turn) =>
        _store.CompleteAsync(turn, new TurnOutcome(TurnOutcomeKind.AnswerText, "answer"), TurnFacts.None, TimeProvider.System.GetUtcNow(), CancellationToken.None);

    async Task<(TurnRecord? Turn, TimeSpan Elapsed)> TimedWaitAsync(string callSid)
    {
        var watch = Stopwatch.StartNew();
        var turn = await _waiter.WaitForLatestAsync(callSid, Bound, CancellationToken.None);
        return (turn, watch.Elapsed);
    }
}
