using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Sessions;

/// <summary>The open-call register against real (Azurite) storage, with several registers standing in for several instances.</summary>
public sealed class OpenCallRegisterTests
{
    static async Task<OpenCallRegister[]> InstancesAsync(int count, TimeProvider? time = null)
    {
        var table = TestAzurite.UniqueName("opencalls");
        var connection = await TestAzurite.ConnectionStringAsync();
        return
        [
            .. Enumerable.Range(0, count).Select(_ => new OpenCallRegister(
                new StorageAccount(Options.Create(new StorageOptions { ConnectionString = connection })),
                Options.Create(new SessionsOptions { OpenCallsTable = table }),
                new RecordingTelemetry(),
                time ?? TimeProvider.System,
                NullLogger<OpenCallRegister>.Instance)),
        ];
    }

    [Fact]
    public async Task Changes_FromThreeInstancesAtOnce_EachGetTheExactCountAfterItsChange()
    {
        var registers = await InstancesAsync(3);
        var sids = Enumerable.Range(0, 30).Select(i => $"call-{i:D2}-{Guid.NewGuid():N}"[..20]).ToList();

        // Every call opened at once, each by one instance: the register orders them, so the counts after are 1..30.
        var opened = await Task.WhenAll(sids.Select((sid, i) => registers[i % 3].OpenAsync(sid)));
        Assert.All(opened, o => Assert.NotNull(o));
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), opened.Select(o => o!.Sequence).Order());
        Assert.All(opened, o => Assert.Equal(o!.Sequence, o.Open));

        // Repeated starts on other instances (Exotel retrying) change nothing.
        Assert.All(await Task.WhenAll(sids.Select((sid, i) => registers[(i + 1) % 3].OpenAsync(sid))), Assert.Null);

        // Every call closed twice at once, by two instances: one close counts, the other finds it closed.
        var closes = await Task.WhenAll(sids.SelectMany((sid, i) => new[] { registers[i % 3].CloseAsync(sid), registers[(i + 2) % 3].CloseAsync(sid) }));
        var counted = closes.Where(c => c is not null).Select(c => c!).ToList();
        Assert.Equal(30, counted.Count);
        Assert.Equal(Enumerable.Range(31, 30).Select(i => (long)i), counted.Select(c => c.Sequence).Order());
        Assert.All(counted, c => Assert.Equal(60 - c.Sequence, c.Open));
        Assert.Equal((0L, 60L), await registers[0].ReadAsync());
    }

    [Fact]
    public async Task Close_OfACallNeverOpened_ChangesNothing()
    {
        var registers = await InstancesAsync(1);
        var open = await registers[0].OpenAsync("call-a");

        Assert.Null(await registers[0].CloseAsync("call-never-seen"));
        Assert.Equal((1L, 1L), await registers[0].ReadAsync());
        Assert.Equal(new OpenCallCount(0, 2, open!.At), (await registers[0].CloseAsync("call-a"))! with { At = open.At });
    }
}
