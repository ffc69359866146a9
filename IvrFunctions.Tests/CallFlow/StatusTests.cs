using System.Net;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.CallFlow.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.CallFlow;

public sealed class StatusTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Status_FromTheFlowsFinalAsyncPassthru_UsesStartAndCurrentTime()
    {
        var callSid = CallFlowHarness.NewCallSid();
        await _harness.GetAsync("exotel/incoming", new Dictionary<string, string?> { ["CallSid"] = callSid, ["CallFrom"] = "9876543210" });

        var response = await _harness.GetAsync("exotel/status", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["CallStatus"] = "in-progress",
            ["StartTime"] = "2026-11-24 10:00:00",
            ["CurrentTime"] = "2026-11-24 10:02:05",
            ["EndTime"] = "1970-01-01 05:30:00",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var ended = Assert.Single(await _harness.SessionEventsAsync(callSid), s => s.Kind == SessionEventKind.Ended);
        Assert.Equal(("completed", 125.0, 3, true), (ended.Status, ended.DurationSeconds, ended.BilledPulses, ended.Success));
        var session = await _harness.Server.Services.GetRequiredService<SessionStore>().ReadAsync(callSid, CancellationToken.None);
        Assert.True(session!.Closed);
        Assert.Equal(3, session.BilledPulses);
    }

    [Fact]
    public async Task Status_ForACallNeverSeen_RecordsItsStartAndEnd()
    {
        var callSid = CallFlowHarness.NewCallSid();

        var response = await _harness.PostFormAsync("exotel/status", new Dictionary<string, string?>
        {
            ["CallSid"] = callSid,
            ["Status"] = "no-answer",
            ["From"] = "+919876543210",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sessions = await _harness.SessionEventsAsync(callSid);
        Assert.Equal([SessionEventKind.Started, SessionEventKind.Ended], sessions.Select(s => s.Kind));
        Assert.False(sessions[1].Success);
        Assert.Equal("no-answer", sessions[1].Status);
    }
}
