using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.CallFlow;

/// <summary>
/// Call sessions on real Table storage, seen by two instances (two stores, each with its own cache), as on a scaled-out
/// Functions app: one opens the call, the other's webhooks must find and refresh it, never open it twice.
/// </summary>
public sealed class SessionStoreTests : IAsyncLifetime
{
    readonly RecordingTelemetry _telemetryA = new();
    readonly RecordingTelemetry _telemetryB = new();
    SessionStore _instanceA = null!;
    SessionStore _instanceB = null!;

    public async Task InitializeAsync()
    {
        var storage = new StorageAccount(Options.Create(new StorageOptions { ConnectionString = await TestAzurite.ConnectionStringAsync() }));
        var provisioner = new StorageProvisioner(storage, NullLogger<StorageProvisioner>.Instance);
        await provisioner.EnsureCreatedAsync();
        var guard = new StorageGuard(provisioner);
        _instanceA = new SessionStore(storage, guard, _telemetryA, TimeProvider.System);
        _instanceB = new SessionStore(storage, guard, _telemetryB, TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        _instanceA.Dispose();
        _instanceB.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task OpenedOnOneInstance_IsRefreshedNotReopened_OnAnother()
    {
        var callSid = Guid.NewGuid().ToString("N");
        var (opened, created) = await _instanceA.OpenAsync(callSid, "+919876543210", "+918047491899", null, "en-IN", CancellationToken.None);
        Assert.True(created);

        // The caller pressed 2 for Hindi; that webhook reached the other instance, which has never seen the call.
        var (refreshed, createdAgain) = await _instanceB.OpenAsync(callSid, null, null, "hi-IN", "en-IN", CancellationToken.None);

        Assert.False(createdAgain);
        Assert.Equal(opened.StartedAt, refreshed.StartedAt);
        Assert.Equal("+919876543210", refreshed.CallerNumber);
        Assert.Equal("hi-IN", refreshed.Language);
        Assert.Equal("hi-IN", (await _instanceA.ReadAsync(callSid, CancellationToken.None))?.Language);
        Assert.Equal([false], _telemetryB.CacheLookups.Where(l => l.Kind == CacheKinds.Session).Select(l => l.Hit));
    }

    [Fact]
    public async Task ConcurrentOpens_CreateOneSession()
    {
        var callSid = Guid.NewGuid().ToString("N");

        var opens = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            (i % 2 == 0 ? _instanceA : _instanceB).OpenAsync(callSid, "+919876543210", null, null, "en-IN", CancellationToken.None)));

        Assert.Single(opens, o => o.Created);
        Assert.Single(opens.Select(o => o.Session.StartedAt).Distinct());
    }

    [Fact]
    public async Task OpenAgainOnTheSameInstance_IsACacheHit_WithoutAStorageRead()
    {
        var callSid = Guid.NewGuid().ToString("N");
        await _instanceA.OpenAsync(callSid, "+919876543210", null, null, "en-IN", CancellationToken.None);

        var (again, created) = await _instanceA.OpenAsync(callSid, "+919876543210", null, null, "en-IN", CancellationToken.None);

        Assert.False(created);
        Assert.Equal("en-IN", again.Language);
        Assert.Equal([false, true], _telemetryA.CacheLookups.Where(l => l.Context.CallSid == callSid).Select(l => l.Hit));
    }
}
