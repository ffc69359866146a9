using System.Globalization;
using System.Net;
using System.Text.Json;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Insights;

/// <summary>
/// <c>concurrentCallsPeak</c> and <c>concurrentCallsNow</c> against the truth: the most calls in progress at any instant,
/// computed by <see cref="OpenCallsTruth"/> from the start and end times the test chose, never from the API.
/// </summary>
public sealed class ConcurrentCallsPeakTests
{
    static readonly DateTimeOffset HostStart = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Now = new(2026, 11, 25, 14, 0, 0, TimeSpan.Zero);

    static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

    static DateTimeOffset At(int hour, int minute, double seconds = 0) => new DateTimeOffset(2026, 11, 25, hour, minute, 0, TimeSpan.Zero).AddSeconds(seconds);

    static List<DateTimeOffset> Buckets(JsonElement series) => [.. series.GetProperty("buckets").EnumerateArray().Select(b => b.GetDateTimeOffset())];

    static List<int> Peaks(JsonElement series) => [.. series.GetProperty("concurrentCallsPeak").EnumerateArray().Select(v => v.GetInt32())];

    [Fact]
    public async Task Peak_OverlappingCallsAcrossBucketEdgesAndFromBeforeTheWindow_EqualsTheSweepOverStartsAndEnds()
    {
        await using var host = await InsightsHost.StartAsync(HostStart);
        var calls = new List<(string Sid, DateTimeOffset Start, DateTimeOffset? End)>
        {
            ("before-window", At(10, 40, 0.25), At(11, 20, 30.5)), // started before every window below but the 24 h one
            ("long", At(11, 10), null), // starts exactly on a minute edge, still in progress at the end (2 h 50 min)
            ("ends-on-edge", At(11, 3, 10), At(11, 5)), // ends exactly on a minute edge: still in progress at 11:05:00
            ("starts-on-edge", At(11, 6), At(11, 59, 59.9)),
            ("across-hour", At(11, 58, 30), At(12, 1, 15)),
            ("late", At(13, 30, 0.5), At(13, 45)),
            ("now", At(13, 50), null),
        };
        var random = new Random(7);
        for (var i = 0; i < 40; i++)
        {
            // Overlapping calls started within 11:00–12:00, 5 s to 20 min long: all over by 12:20, so 12:20–13:30 is quiet.
            var start = At(11, 0).AddMilliseconds(random.Next(0, 3_600_000));
            calls.Add(($"random-{i:D2}", start, start.AddMilliseconds(random.Next(5_000, 1_200_000))));
        }

        var instants = calls.Select(c => c.Start).Concat(calls.Where(c => c.End is not null).Select(c => c.End!.Value)).ToList();
        Assert.Equal(instants.Count, instants.Distinct().Count()); // no two events at one instant: their order would be a tie

        var seed = host.Seeder();
        foreach (var (sid, at, isStart) in calls.Select(c => (c.Sid, c.Start, true))
            .Concat(calls.Where(c => c.End is not null).Select(c => (c.Sid, c.End!.Value, false))).OrderBy(e => e.Item2))
        {
            if (isStart)
            {
                await seed.CallStartedAsync(at, sid, "+919876543210");
            }
            else
            {
                var call = calls.Single(c => c.Sid == sid);
                await seed.CallEndedAsync(at, sid, "+919876543210", (at - call.Start).TotalSeconds, 1, true);
            }
        }

        host.Time.SetUtcNow(Now);
        await host.FlushAsync();
        var truth = calls.Select(c => (c.Start, c.End)).ToList();
        Assert.True(OpenCallsTruth.Peak(truth, At(11, 0), At(12, 0)) >= 5, "the seed should overlap several calls");

        // Minute buckets; the window starts with a call already in progress.
        var minutes = (await host.GetJsonAsync($"/api/performance/dashboard?{Range(At(11, 0), At(12, 0))}"));
        var series = minutes.GetProperty("series");
        Assert.Equal(OpenCallsTruth.PerBucket(truth, Buckets(series), TimeSpan.FromMinutes(1), At(11, 0), At(12, 0)), Peaks(series));
        Assert.Equal(OpenCallsTruth.Peak(truth, At(11, 0), At(12, 0)), minutes.GetProperty("kpis").GetProperty("concurrentCallsPeak").GetInt32());

        // Hour buckets with partial first and last hours (minute rollups at the edges, hour rollups between).
        var (from, to) = (At(7, 30), At(13, 50, 30));
        var hours = await host.GetJsonAsync($"/api/performance/dashboard?{Range(from, to)}");
        Assert.Equal(3600, hours.GetProperty("window").GetProperty("bucketSeconds").GetInt32());
        var hourSeries = hours.GetProperty("series");
        Assert.Equal(OpenCallsTruth.PerBucket(truth, Buckets(hourSeries), TimeSpan.FromHours(1), from, At(13, 51)), Peaks(hourSeries));
        Assert.Equal(OpenCallsTruth.Peak(truth, from, At(13, 51)), hours.GetProperty("kpis").GetProperty("concurrentCallsPeak").GetInt32());

        // No call starts or ends inside: the count that stood before the window (the long call) holds throughout.
        var quiet = await host.GetJsonAsync($"/api/performance/sessions?{Range(At(12, 25), At(13, 25))}");
        Assert.Equal(1, OpenCallsTruth.Peak(truth, At(12, 25), At(13, 25)));
        Assert.Equal(1, quiet.GetProperty("totals").GetProperty("concurrentCallsPeak").GetInt32());
        Assert.All(Peaks(quiet), peak => Assert.Equal(1, peak));

        // The sessions view gives the same series as the dashboard.
        var sessions = await host.GetJsonAsync($"/api/performance/sessions?{Range(At(11, 0), At(12, 0))}");
        Assert.Equal(Peaks(series), Peaks(sessions));

        // A preset reaching now: hour buckets of the last 24 h, and the calls in progress now.
        var day = await host.GetJsonAsync("/api/performance/dashboard?window=24h");
        var dayFrom = day.GetProperty("window").GetProperty("from").GetDateTimeOffset();
        var dayTo = day.GetProperty("window").GetProperty("to").GetDateTimeOffset();
        Assert.Equal(OpenCallsTruth.PerBucket(truth, Buckets(day.GetProperty("series")), TimeSpan.FromHours(1), dayFrom, dayTo), Peaks(day.GetProperty("series")));
        Assert.Equal(OpenCallsTruth.Peak(truth, dayFrom, dayTo), day.GetProperty("kpis").GetProperty("concurrentCallsPeak").GetInt32());
        Assert.Equal(2, OpenCallsTruth.At(truth, Now));
        Assert.Equal(2, day.GetProperty("kpis").GetProperty("concurrentCallsNow").GetInt32());
    }

    [Fact]
    public async Task Peak_CallsStartedOnOneInstanceAndEndedOnAnother_CountsEachCallOnce()
    {
        await using var first = await InsightsHost.StartAsync(HostStart);
        await using var second = await InsightsHost.StartAsync(HostStart, first, null);
        InsightsHost[] hosts = [first, second];
        var random = new Random(11);
        var calls = new List<(string Sid, DateTimeOffset Start, DateTimeOffset End, int StartHost)>();
        for (var i = 0; i < 24; i++)
        {
            var start = At(10, 30).AddMilliseconds(random.Next(0, 20 * 60_000));
            calls.Add((CallFlowHarness.NewCallSid(), start, start.AddMilliseconds(random.Next(20_000, 6 * 60_000)), i % 2));
        }

        var events = calls.SelectMany(c => new[] { (c.Sid, At: c.Start, Start: true, Host: c.StartHost), (c.Sid, At: c.End, Start: false, Host: 1 - c.StartHost) })
            .OrderBy(e => e.At).ToList();
        Assert.Equal(events.Count, events.Select(e => e.At).Distinct().Count());
        foreach (var e in events)
        {
            foreach (var h in hosts)
            {
                h.Time.SetUtcNow(e.At);
            }

            // The event on its instance, then the same webhook again on the other one (Exotel retrying elsewhere): counted once.
            var route = e.Start ? "exotel/incoming" : "exotel/status";
            var parameters = new Dictionary<string, string?> { ["CallSid"] = e.Sid, ["CallFrom"] = "09876543210", ["Status"] = "completed" };
            Assert.Equal(HttpStatusCode.OK, (await hosts[e.Host].Client.GetAsync(CallFlowHarness.Url(route, parameters))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await hosts[1 - e.Host].Client.GetAsync(CallFlowHarness.Url(route, parameters))).StatusCode);
            // Counted in the background within moments of the webhook: let that happen before the clock moves on.
            foreach (var h in hosts)
            {
                await h.Get<OpenCallTracker>().WhenRecordedAsync();
            }
        }

        var end = At(11, 0);
        foreach (var h in hosts)
        {
            h.Time.SetUtcNow(end);
            await h.FlushAsync();
        }

        var truth = calls.Select(c => (c.Start, (DateTimeOffset?)c.End)).ToList();
        Assert.True(OpenCallsTruth.Peak(truth, At(10, 30), end) >= 4, "the seed should overlap several calls");
        foreach (var h in hosts)
        {
            var body = await h.GetJsonAsync($"/api/performance/dashboard?{Range(At(10, 30), end)}");
            var series = body.GetProperty("series");
            Assert.Equal(OpenCallsTruth.PerBucket(truth, Buckets(series), TimeSpan.FromMinutes(1), At(10, 30), end), Peaks(series));
            Assert.Equal(OpenCallsTruth.Peak(truth, At(10, 30), end), body.GetProperty("kpis").GetProperty("concurrentCallsPeak").GetInt32());
            Assert.Equal(calls.Count, body.GetProperty("kpis").GetProperty("calls").GetInt64());
            Assert.Equal(0, body.GetProperty("kpis").GetProperty("concurrentCallsNow").GetInt32());
        }

        // Every counted event carries the shared register's count after it: the starts and ends of the webhooks, once each.
        var counted = new List<TelemetryRecord>();
        await foreach (var record in first.Get<TelemetryReader>().ReadRecordsAsync(TelemetryRecordKind.Session, At(10, 0), end))
        {
            counted.Add(record);
        }

        Assert.Equal(2 * calls.Count, counted.Count(r => r.OpenCallsSequence is not null));
        Assert.Equal(2 * calls.Count, counted.Select(r => r.OpenCallsSequence).Distinct().Count(s => s is not null));
        Assert.Equal((0L, 2L * calls.Count), await first.Get<OpenCallRegister>().ReadAsync());
    }

    [Fact]
    public async Task Expire_CallWhoseEndNeverArrives_IsCountedUntilMaxCallDurationThenNoLonger()
    {
        await using var host = await InsightsHost.StartAsync(HostStart);
        var seed = host.Seeder();
        await seed.CallStartedAsync(At(10, 5), "lost-end", "+919876543210");
        await seed.CallStartedAsync(At(10, 6), "ended", "+919876543211");
        await seed.CallEndedAsync(At(10, 9), "ended", "+919876543211", 180, 1, true);

        var register = host.Get<OpenCallRegister>();
        host.Time.SetUtcNow(At(10, 5).Add(OpenCallRegister.MaxCallDuration).AddMinutes(1));
        Assert.Equal(1, await register.ExpireAsync());
        Assert.Equal(0, (await register.ReadAsync()).Open);
        Assert.Equal(0, await register.ExpireAsync());
        await host.FlushAsync();

        var expiredAt = host.Time.GetUtcNow();
        var records = new List<TelemetryRecord>();
        await foreach (var record in host.Get<TelemetryReader>().ReadRecordsAsync(TelemetryRecordKind.Session, At(10, 0), expiredAt.AddMinutes(1)))
        {
            records.Add(record);
        }

        var expired = Assert.Single(records, r => r.SessionKind == SessionEventKind.Expired);
        Assert.Equal(("lost-end", 0L), (expired.CallSid, expired.OpenCalls));

        // The expiry instant still counts the call (a call is in progress through its last instant); the minutes after do not.
        var body = await host.GetJsonAsync($"/api/performance/sessions?{Range(At(10, 0), expiredAt.AddMinutes(3))}");
        var totals = body.GetProperty("totals");
        Assert.Equal(2, totals.GetProperty("concurrentCallsPeak").GetInt32());
        Assert.Equal(0, totals.GetProperty("concurrentCallsNow").GetInt32());
        Assert.Equal(1, totals.GetProperty("endedCalls").GetInt64()); // an expiry is not an ended call
        var buckets = Buckets(body);
        var peaks = Peaks(body);
        Assert.Equal(1, peaks[buckets.IndexOf(At(12, 0))]); // the lost call still counts in between
        Assert.Equal(1, peaks[buckets.IndexOf(expiredAt)]);
        Assert.Equal([0, 0], peaks.Skip(buckets.IndexOf(expiredAt) + 1));
        Assert.Equal("expired", body.GetProperty("calls").EnumerateArray().Single(c => c.GetProperty("callSid").GetString() == "lost-end").GetProperty("status").GetString());
    }
}
