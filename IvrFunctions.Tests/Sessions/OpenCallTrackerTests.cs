using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Sessions;

/// <summary>
/// Session events wait in the tracker for their open-call count (off the webhooks' path) and are then recorded, in the
/// order they were queued; a register that cannot be reached costs only the count, never the event.
/// </summary>
public sealed class OpenCallTrackerTests
{
    [Fact]
    public async Task QueuedStartsAndEnds_RecordedInOrder_EachWithTheCountAfterIt()
    {
        var telemetry = new RecordingTelemetry();
        var connection = await TestAzurite.ConnectionStringAsync();
        var turns = await TurnStoreAsync(connection);
        using var tracker = new OpenCallTracker(Register(connection), turns, telemetry, NullLogger<OpenCallTracker>.Instance);
        await tracker.StartAsync(CancellationToken.None);

        string[] sids = [.. Enumerable.Range(0, 20).Select(i => $"{Guid.NewGuid():N}")];
        // The first call asked two questions: its end is recorded with its turns counted.
        foreach (var question in new[] { "q1", "q2" })
        {
            var now = TimeProvider.System.GetUtcNow();
            await turns.CreateAsync(new TurnInput(TurnIds.For(sids[0], question), sids[0], question, "en-IN", now, now.AddSeconds(10)), CancellationToken.None);
        }

        foreach (var sid in sids)
        {
            tracker.Track(new SessionEvent(SessionEventKind.Started, sid, "hash", "en-IN"));
        }

        foreach (var sid in sids.Take(5))
        {
            tracker.Track(new SessionEvent(SessionEventKind.Ended, sid, "hash", "en-IN", "completed"));
        }

        await tracker.WhenRecordedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await tracker.StopAsync(CancellationToken.None);

        var recorded = telemetry.Sessions.ToList();
        Assert.Equal([.. sids, .. sids.Take(5)], recorded.Select(s => s.CallSid));
        Assert.Equal([.. Enumerable.Range(1, 20), .. Enumerable.Range(15, 5).Reverse()], recorded.Select(s => (int)s.OpenCalls!.Open));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), recorded.Select(s => s.OpenCalls!.Sequence));
        Assert.Equal([2, 0, 0, 0, 0], recorded.Skip(20).Select(s => s.Turns));
        Assert.All(recorded.Take(20), s => Assert.Null(s.Turns));
    }

    [Fact]
    public async Task RegisterUnreachable_EventRecordedWithoutItsCount_AndTheFailureCounted()
    {
        var telemetry = new RecordingTelemetry();
        // Nothing listens on this port: the register's storage calls fail once the SDK's retries run out.
        using var refusing = new RefusingPort();
        var unreachable = new IvrFunctions.SelfHost.Azurite.AzuriteSettings(refusing.Port, refusing.Port, refusing.Port, null).ConnectionString;
        using var tracker = new OpenCallTracker(Register(unreachable), await TurnStoreAsync(await TestAzurite.ConnectionStringAsync()), telemetry, NullLogger<OpenCallTracker>.Instance);
        await tracker.StartAsync(CancellationToken.None);

        tracker.Track(new SessionEvent(SessionEventKind.Started, "call-lost-count", "hash", "en-IN"));
        await tracker.WhenRecordedAsync().WaitAsync(TimeSpan.FromSeconds(120));
        await tracker.StopAsync(CancellationToken.None);

        var recorded = Assert.Single(telemetry.Sessions);
        Assert.Equal(("call-lost-count", SessionEventKind.Started), (recorded.CallSid, recorded.Kind));
        Assert.Null(recorded.OpenCalls);
        Assert.Contains(telemetry.Errors, e => e.Category == ErrorCategory.Storage && e.Context.CallSid == "call-lost-count");
    }

    static OpenCallRegister Register(string connection) => new(
        Account(connection),
        Options.Create(new SessionsOptions { OpenCallsTable = TestAzurite.UniqueName("tracked") }),
        new RecordingTelemetry(),
        TimeProvider.System,
        NullLogger<OpenCallRegister>.Instance);

    static async Task<TurnStore> TurnStoreAsync(string connection)
    {
        var provisioner = new StorageProvisioner(Account(connection), NullLogger<StorageProvisioner>.Instance);
        await provisioner.EnsureCreatedAsync();
        return new TurnStore(Account(connection), new StorageGuard(provisioner));
    }

    static StorageAccount Account(string connection) => new(Options.Create(new StorageOptions { ConnectionString = connection }));
}
