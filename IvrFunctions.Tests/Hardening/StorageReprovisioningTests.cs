using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// Storage comes back without the tables and containers (an in-memory Azurite restarted): the first call-flow operations
/// that meet "table not found" provision everything again, once for the whole burst, and then succeed; the audio cache
/// forgets the blobs it knew.
/// </summary>
public sealed class StorageReprovisioningTests : IAsyncLifetime
{
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
    public async Task StorageBackEmpty_BurstOfCallFlowWrites_ProvisionedAgainOnce_AllSucceed()
    {
        // Alert evaluation is off so that nothing but this burst meets the missing tables.
        await using var server = await SelfHostServer.StartAsync(_azurite.ConnectionString, "--Alerts:Enabled=false");
        var provisioner = server.Services.GetRequiredService<StorageProvisioner>();
        await provisioner.Ready.WaitAsync(Bound);
        Assert.Equal(0, provisioner.Generation);

        await _azurite.StopAsync();
        await _azurite.StartAgainAsync(); // in memory: no table, container or row survives
        var account = server.Services.GetRequiredService<StorageAccount>();
        Assert.False(await TableExistsAsync(account, StorageNames.SessionsTable));

        var sessions = server.Services.GetRequiredService<SessionStore>();
        var turns = server.Services.GetRequiredService<TurnStore>();
        var now = TimeProvider.System.GetUtcNow();
        var burst = Enumerable.Range(0, 12).Select(async i =>
        {
            var callSid = Guid.NewGuid().ToString("N");
            if (i % 2 == 0)
            {
                var (_, created) = await sessions.OpenAsync(callSid, "+919876543210", null, null, "en-IN", CancellationToken.None);
                return created;
            }

            var url = $"http://127.0.0.1/{callSid}.wav";
            return await turns.CreateAsync(new TurnInput(TurnIds.For(callSid, url), callSid, url, "en-IN", now, now.AddSeconds(10)), CancellationToken.None);
        });
        var results = await Task.WhenAll(burst).WaitAsync(Bound);

        Assert.All(results, Assert.True);
        Assert.Equal(1, provisioner.Generation);
        foreach (var table in StorageNames.Tables)
        {
            Assert.True(await TableExistsAsync(account, table), $"table {table} not recreated");
        }

        foreach (var container in StorageNames.Containers)
        {
            Assert.True((await account.Container(container).ExistsAsync()).Value, $"container {container} not recreated");
        }
    }

    [Fact]
    public async Task StorageBackEmpty_AudioCacheForgetsBlobsItKnew_SynthesizesAndStoresAgain()
    {
        await using var host = await ProviderTestHost.StartAsync(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = _azurite.ConnectionString });
        var synthesizer = host.Get<IAnswerAudioSynthesizer>();
        var turn = new TelemetryContext("call-audio-reset", "turn-1", "en-IN");
        var made = await synthesizer.SynthesizeAsync("Never share your PIN.", "en-IN", turn);
        Assert.True((await synthesizer.SynthesizeAsync("Never share your PIN.", "en-IN", turn)).FromCache);

        await _azurite.StopAsync();
        await _azurite.StartAgainAsync(); // the blob and its container are gone
        // The first call-flow request meets the missing tables and provisions again.
        await host.Get<SessionStore>().OpenAsync(Guid.NewGuid().ToString("N"), null, null, null, "en-IN", CancellationToken.None);
        Assert.Equal(1, host.Get<StorageProvisioner>().Generation);

        var again = await synthesizer.SynthesizeAsync("Never share your PIN.", "en-IN", turn);
        Assert.False(again.FromCache);
        Assert.Equal(made.BlobName, again.BlobName);
        Assert.True((await host.Get<StorageAccount>().Container(again.Container).GetBlobClient(again.BlobName).ExistsAsync()).Value);
    }

    static async Task<bool> TableExistsAsync(StorageAccount account, string table)
    {
        await foreach (var _ in account.Tables.QueryAsync(t => t.Name == table))
        {
            return true;
        }

        return false;
    }
}
