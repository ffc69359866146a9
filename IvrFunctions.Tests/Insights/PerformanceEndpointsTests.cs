using System.Globalization;
using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.Insights;

public sealed class PerformanceEndpointsTests(SeededHostFixture fixture) : IClassFixture<SeededHostFixture>
{
    const string Day = "window=24h";
    static readonly string[] Components = ["stt", "retrieval", "llm", "rag", "tts", "turn", "webhook"];

    InsightsHost Host => fixture.Host;

    List<SeededRecord> Seeded => fixture.Seeded;

    static string Range(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture))}&to={Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture))}";

    static void AssertPercentile(double exact, JsonElement actual, string what)
    {
        Assert.True(actual.ValueKind == JsonValueKind.Number, $"{what} is {actual}");
        var value = actual.GetDouble();
        Assert.True(Math.Abs(value - exact) <= (exact * 0.01) + 0.1, $"{what}: {value} is not within 1% of the exact {exact}");
    }

    [Fact]
    public async Task Components_DayWindow_MatchCountsSuccessAndPercentilesOfSeededStages()
    {
        var body = await Host.GetJsonAsync($"/api/performance/components?{Day}");

        var components = body.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(Components, components.Select(c => c.GetProperty("component").GetString()));
        foreach (var component in components)
        {
            var name = component.GetProperty("component").GetString()!;
            var stages = Seeded.Where(r => r.Kind == "stage" && r.Name == name).ToList();
            Assert.Equal(stages.Count, component.GetProperty("count").GetInt64());
            Assert.Equal(stages.Count(s => s.Success), component.GetProperty("successes").GetInt64());
            if (stages.Count == 0)
            {
                Assert.Equal(JsonValueKind.Null, component.GetProperty("p95Ms").ValueKind);
                Assert.Equal(JsonValueKind.Null, component.GetProperty("met").ValueKind);
                continue;
            }

            var durations = stages.Select(s => s.DurationMs!.Value).ToList();
            Assert.Equal(Math.Round((double)stages.Count(s => s.Success) / stages.Count, 4), component.GetProperty("successRate").GetDouble(), 4);
            AssertPercentile(TelemetrySeeder.Percentile(durations, 0.50), component.GetProperty("p50Ms"), $"{name} p50");
            AssertPercentile(TelemetrySeeder.Percentile(durations, 0.95), component.GetProperty("p95Ms"), $"{name} p95");
            AssertPercentile(TelemetrySeeder.Percentile(durations, 0.99), component.GetProperty("p99Ms"), $"{name} p99");
            Assert.Equal(Math.Round(durations.Max(), 1), component.GetProperty("maxMs").GetDouble(), 1);
            Assert.Equal(durations.Average(), component.GetProperty("avgMs").GetDouble(), 0);
        }

        var stt = components.Single(c => c.GetProperty("component").GetString() == "stt");
        Assert.Equal(2000, stt.GetProperty("targetMs").GetDouble());
        var sttP95 = TelemetrySeeder.Percentile(Seeded.Where(r => r.Kind == "stage" && r.Name == "stt").Select(r => r.DurationMs!.Value), 0.95);
        Assert.Equal(sttP95 <= 2000, stt.GetProperty("met").GetBoolean());
        Assert.Equal(JsonValueKind.Null, components.Single(c => c.GetProperty("component").GetString() == "retrieval").GetProperty("targetMs").ValueKind);
    }

    [Fact]
    public async Task Dashboard_DayWindow_KpisAndHourlySeriesMatchSeededRecords()
    {
        var body = await Host.GetJsonAsync($"/api/performance/dashboard?{Day}");

        var window = body.GetProperty("window");
        // A preset ends with the current minute (10:00–10:01) and spans 24 h; hour buckets cover it from 10:00 yesterday.
        Assert.Equal(SeededHostFixture.Now.AddMinutes(1), window.GetProperty("to").GetDateTimeOffset());
        Assert.Equal(SeededHostFixture.Now.AddHours(-24), window.GetProperty("from").GetDateTimeOffset()); // hour-aligned start
        Assert.Equal(3600, window.GetProperty("bucketSeconds").GetInt32());

        var kpis = body.GetProperty("kpis");
        var turns = Seeded.Where(r => r.Kind == "stage" && r.Name == "turn").ToList();
        Assert.Equal(SeededHostFixture.Calls, kpis.GetProperty("calls").GetInt64());
        Assert.Equal(turns.Count, kpis.GetProperty("turns").GetInt64());
        Assert.Equal(Math.Round((double)turns.Count(t => t.Success) / turns.Count, 4), kpis.GetProperty("successRate").GetDouble(), 4);
        var turnLatency = kpis.GetProperty("turnLatency");
        AssertPercentile(TelemetrySeeder.Percentile(turns.Select(t => t.DurationMs!.Value), 0.95), turnLatency.GetProperty("p95Ms"), "turn p95");
        Assert.Equal(8000, turnLatency.GetProperty("targetMs").GetDouble());
        Assert.Equal(TelemetrySeeder.Percentile(turns.Select(t => t.DurationMs!.Value), 0.95) <= 8000, turnLatency.GetProperty("met").GetBoolean());

        var totalCost = fixture.StoredCosts.Sum(c => c.Cost);
        Assert.True(totalCost > 0);
        Assert.Equal(totalCost, kpis.GetProperty("costUsd").GetDouble(), 5);
        Assert.Equal(totalCost, kpis.GetProperty("monthToDateCostUsd").GetDouble(), 5);
        Assert.Equal(totalCost, kpis.GetProperty("todayCostUsd").GetDouble(), 5);
        var calls = TelemetrySeeder.CallsOf(Seeded);
        Assert.Equal(OpenCallsTruth.At(calls, SeededHostFixture.Now), kpis.GetProperty("concurrentCallsNow").GetInt32());
        // Calls of 120 s four minutes apart never overlap: at most one call at a time, though no hour averages one.
        Assert.Equal(1, OpenCallsTruth.Peak(calls, SeededHostFixture.Now.AddHours(-24), SeededHostFixture.Now.AddMinutes(1)));
        Assert.Equal(1, kpis.GetProperty("concurrentCallsPeak").GetInt32());

        foreach (var rate in kpis.GetProperty("cacheHitRates").EnumerateArray())
        {
            var kind = rate.GetProperty("kind").GetString();
            var lookups = Seeded.Where(r => r.Kind == "cache" && r.Name == kind).ToList();
            Assert.Equal(lookups.Count, rate.GetProperty("lookups").GetInt64());
            if (lookups.Count > 0)
            {
                Assert.Equal(Math.Round((double)lookups.Count(l => l.Hit == true) / lookups.Count, 4), rate.GetProperty("hitRate").GetDouble(), 4);
            }
        }

        var series = body.GetProperty("series");
        var buckets = series.GetProperty("buckets").EnumerateArray().Select(b => b.GetDateTimeOffset()).ToList();
        Assert.Equal(25, buckets.Count);
        Assert.Equal(SeededHostFixture.Now.AddHours(-24), buckets[0]);
        var turnSeries = series.GetProperty("turns").EnumerateArray().Select(v => v.GetInt64()).ToList();
        for (var i = 0; i < buckets.Count; i++)
        {
            Assert.Equal(turns.Count(t => t.Timestamp >= buckets[i] && t.Timestamp < buckets[i].AddHours(1)), turnSeries[i]);
        }

        Assert.Equal(
            OpenCallsTruth.PerBucket(calls, buckets, TimeSpan.FromHours(1), buckets[0], SeededHostFixture.Now.AddMinutes(1)),
            series.GetProperty("concurrentCallsPeak").EnumerateArray().Select(v => v.GetInt32()).ToList());

        var errorSeries = series.GetProperty("errors").EnumerateArray().Select(v => v.GetInt64()).ToList();
        Assert.Equal(Seeded.Count(r => r.Kind == "error"), errorSeries.Sum());
        var ttsCost = series.GetProperty("costByService").EnumerateArray().Single(s => s.GetProperty("service").GetString() == ApiServices.GoogleTts);
        Assert.Equal(fixture.StoredCosts.Where(c => c.Service == ApiServices.GoogleTts).Sum(c => c.Cost),
            ttsCost.GetProperty("costUsd").EnumerateArray().Sum(v => v.GetDouble()), 5);
        var sttLatency = series.GetProperty("latency").EnumerateArray().Single(s => s.GetProperty("component").GetString() == "stt");
        var eightOClock = buckets.IndexOf(SeededHostFixture.Start);
        var sttAtEight = Seeded.Where(r => r.Kind == "stage" && r.Name == "stt" && r.Timestamp < SeededHostFixture.Start.AddHours(1)).Select(r => r.DurationMs!.Value);
        AssertPercentile(TelemetrySeeder.Percentile(sttAtEight, 0.95), sttLatency.GetProperty("p95Ms")[eightOClock], "stt p95 08:00");
        Assert.Equal(JsonValueKind.Null, sttLatency.GetProperty("p95Ms")[0].ValueKind);
    }

    [Fact]
    public async Task Dashboard_TwoHourRange_UsesMinuteBucketsAndPeakConcurrencyOfOneCall()
    {
        var body = await Host.GetJsonAsync($"/api/performance/dashboard?{Range(SeededHostFixture.Start, SeededHostFixture.Now)}");

        Assert.Equal(60, body.GetProperty("window").GetProperty("bucketSeconds").GetInt32());
        var buckets = body.GetProperty("series").GetProperty("buckets").EnumerateArray().Select(b => b.GetDateTimeOffset()).ToList();
        Assert.Equal(120, buckets.Count);
        // Calls never overlap: one call at most, in every minute a call touches (08:00:07–08:02:07 shows in 08:00, 08:01
        // and 08:02), none in the minute after.
        Assert.Equal(1, body.GetProperty("kpis").GetProperty("concurrentCallsPeak").GetInt32());
        var concurrency = body.GetProperty("series").GetProperty("concurrentCallsPeak").EnumerateArray().Select(v => v.GetInt32()).ToList();
        Assert.Equal([1, 1, 1, 0], concurrency.Take(4));
        Assert.Equal(OpenCallsTruth.PerBucket(TelemetrySeeder.CallsOf(Seeded), buckets, TimeSpan.FromMinutes(1), SeededHostFixture.Start, SeededHostFixture.Now), concurrency);
    }

    [Theory]
    [InlineData("2026-11-24T08:30:00Z", "2026-11-24T09:30:00Z")] // minute rollups only
    [InlineData("2026-11-24T08:30:00Z", "2026-11-24T16:00:00Z")] // hour buckets: a partial hour from minute rollups, then whole hours
    [InlineData("2026-11-24T09:00:00Z", "2026-11-24T09:00:30Z")] // half a minute, rounded out to [09:00, 09:01)
    [InlineData("2026-11-24T07:00:00Z", "2026-11-24T09:00:00Z")] // ends exactly where the boundary webhook stage starts counting
    public async Task Components_WindowsAtBucketEdges_CountExactlyTheRecordsInside(string from, string to)
    {
        var body = await Host.GetJsonAsync($"/api/performance/components?from={from}&to={to}");

        var start = DateTimeOffset.Parse(from, CultureInfo.InvariantCulture);
        var end = DateTimeOffset.Parse(to, CultureInfo.InvariantCulture);
        end = end.Second != 0 ? end.AddSeconds(60 - end.Second) : end;
        foreach (var component in body.GetProperty("components").EnumerateArray())
        {
            var name = component.GetProperty("component").GetString();
            var expected = Seeded.Count(r => r.Kind == "stage" && r.Name == name && r.Timestamp >= start && r.Timestamp < end);
            Assert.True(expected == component.GetProperty("count").GetInt64(), $"{name} in [{start:t}, {end:t}): expected {expected}, got {component.GetProperty("count")}");
        }
    }

    [Fact]
    public async Task Components_WebhookStageEndingOnTheHour_BelongsToTheHourItEndsIn()
    {
        var before = await Host.GetJsonAsync("/api/performance/components?from=2026-11-24T08:00:00Z&to=2026-11-24T09:00:00Z");
        var after = await Host.GetJsonAsync("/api/performance/components?from=2026-11-24T09:00:00Z&to=2026-11-24T10:00:00Z");

        static long Webhooks(JsonElement body) =>
            body.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("component").GetString() == "webhook").GetProperty("count").GetInt64();
        Assert.Equal(0, Webhooks(before));
        Assert.Equal(1, Webhooks(after));
    }

    [Fact]
    public async Task ApiUsage_DayWindow_SumsRequestsUnitsAndStoredCostsPerService()
    {
        var body = await Host.GetJsonAsync($"/api/performance/api-usage?{Day}");

        var services = body.GetProperty("services").EnumerateArray().ToDictionary(s => s.GetProperty("service").GetString()!);
        Assert.Equal(ApiServices.All, services.Keys);
        foreach (var (name, service) in services)
        {
            var usage = Seeded.Where(r => r.Kind == "usage" && r.Name == name).ToList();
            Assert.Equal(usage.Count, service.GetProperty("requests").GetInt64());
            Assert.Equal(usage.Count(u => u.Success), service.GetProperty("successes").GetInt64());
            var units = service.GetProperty("units");
            Assert.Equal(usage.Sum(u => u.AudioSeconds ?? 0), units.GetProperty("audioSeconds").GetDouble(), 6);
            Assert.Equal(usage.Sum(u => u.Characters ?? 0), units.GetProperty("characters").GetInt64());
            Assert.Equal(usage.Sum(u => u.InputTokens ?? 0), units.GetProperty("inputTokens").GetInt64());
            Assert.Equal(usage.Sum(u => u.CachedInputTokens ?? 0), units.GetProperty("cachedInputTokens").GetInt64());
            Assert.Equal(usage.Sum(u => u.OutputTokens ?? 0), units.GetProperty("outputTokens").GetInt64());
            Assert.Equal(fixture.StoredCosts.Where(c => c.Service == name).Sum(c => c.Cost), service.GetProperty("costUsd").GetDouble(), 6);
            if (usage.Count > 0)
            {
                AssertPercentile(TelemetrySeeder.Percentile(usage.Select(u => u.DurationMs!.Value), 0.95), service.GetProperty("latency").GetProperty("p95Ms"), $"{name} p95");
            }
        }

        Assert.Equal(fixture.StoredCosts.Sum(c => c.Cost), body.GetProperty("costUsd").GetDouble(), 5);
        var stt = body.GetProperty("freeTiers").EnumerateArray().First(t => t.GetProperty("service").GetString() == ApiServices.GoogleStt);
        var sttMinutes = Seeded.Where(r => r.Kind == "usage" && r.Name == ApiServices.GoogleStt).Sum(r => r.AudioSeconds!.Value) / 60;
        Assert.Equal(sttMinutes, stt.GetProperty("used").GetDouble(), 2);
        Assert.Equal("minutes", stt.GetProperty("unit").GetString());
        Assert.Equal(sttMinutes / stt.GetProperty("allowance").GetDouble(), stt.GetProperty("usedFraction").GetDouble(), 3);
        var budget = body.GetProperty("budget");
        Assert.Equal(JsonValueKind.Null, budget.GetProperty("dailyBudgetUsd").ValueKind);
        Assert.Equal(JsonValueKind.Null, budget.GetProperty("dailyOverBudget").ValueKind);
    }

    [Fact]
    public async Task Cache_DayWindow_LookupsHitsAndTargets()
    {
        var body = await Host.GetJsonAsync($"/api/performance/cache?{Day}");

        var caches = body.GetProperty("caches").EnumerateArray().ToDictionary(c => c.GetProperty("kind").GetString()!);
        foreach (var (kind, target) in new[] { ("response", 0.4), ("audio", 0.6) })
        {
            var lookups = Seeded.Where(r => r.Kind == "cache" && r.Name == kind).ToList();
            var hitRate = (double)lookups.Count(l => l.Hit == true) / lookups.Count;
            Assert.Equal(lookups.Count, caches[kind].GetProperty("lookups").GetInt64());
            Assert.Equal(lookups.Count(l => l.Hit == true), caches[kind].GetProperty("hits").GetInt64());
            Assert.Equal(target, caches[kind].GetProperty("target").GetDouble());
            Assert.Equal(hitRate >= target, caches[kind].GetProperty("met").GetBoolean());
        }

        Assert.Equal(0, caches["session"].GetProperty("lookups").GetInt64());
        Assert.Equal(JsonValueKind.Null, caches["session"].GetProperty("hitRate").ValueKind);
    }

    [Fact]
    public async Task Sessions_DayWindow_TotalsAndMostRecentCallsWithMaskedCallers()
    {
        var response = await Host.Client.GetAsync(new Uri($"/api/performance/sessions?{Day}&limit=5", UriKind.Relative));
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;

        var ended = Seeded.Where(r => r.Kind == "session" && r.Name == "ended").ToList();
        var totals = body.GetProperty("totals");
        Assert.Equal(SeededHostFixture.Calls, totals.GetProperty("calls").GetInt64());
        Assert.Equal(ended.Count, totals.GetProperty("endedCalls").GetInt64());
        Assert.Equal(ended.Count(e => e.Success), totals.GetProperty("successfulCalls").GetInt64());
        var turns = Seeded.Count(r => r.Kind == "stage" && r.Name == "turn");
        Assert.Equal(turns, totals.GetProperty("turns").GetInt64());
        Assert.Equal(Math.Round((double)turns / SeededHostFixture.Calls, 3), totals.GetProperty("turnsPerCall").GetDouble(), 3);

        var calls = body.GetProperty("calls").EnumerateArray().ToList();
        Assert.Equal(["call-29", "call-28", "call-27", "call-26", "call-25"], calls.Select(c => c.GetProperty("callSid").GetString()));
        Assert.True(body.GetProperty("callsTruncated").GetBoolean());
        var last = ended.Single(e => e.CallSid == "call-29");
        Assert.Equal(last.Turns, calls[0].GetProperty("turns").GetInt32());
        Assert.Equal(last.Success, calls[0].GetProperty("success").GetBoolean());
        Assert.Equal(120, calls[0].GetProperty("durationSeconds").GetDouble(), 3);
        Assert.Matches("^hash:[0-9a-f]{8}$", calls[0].GetProperty("caller").GetString());
        Assert.DoesNotContain("98765432", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_DayWindow_CountsByCategoryAndTopErrorsWithSuggestions()
    {
        var body = await Host.GetJsonAsync($"/api/performance/errors?{Day}&top=5");

        var errors = Seeded.Where(r => r.Kind == "error").ToList();
        Assert.Equal(errors.Count, body.GetProperty("total").GetInt64());
        var traffic = Seeded.Count(r => r.Kind == "stage" && r.Name is "turn" or "webhook");
        Assert.Equal(Math.Round((double)errors.Count / traffic, 4), body.GetProperty("errorRate").GetDouble(), 4);
        var categories = body.GetProperty("categories").EnumerateArray().ToDictionary(c => c.GetProperty("category").GetString()!);
        Assert.Equal(errors.Select(e => e.ErrorCategory!).Distinct().Order(), categories.Keys.Order());
        foreach (var (code, category) in categories)
        {
            Assert.Equal(errors.Count(e => e.ErrorCategory == code), category.GetProperty("count").GetInt64());
            var description = ErrorCatalog.All.Single(d => d.Code == code);
            Assert.Equal(description.Suggestion, category.GetProperty("suggestion").GetString());
            Assert.Equal(description.Retryable, category.GetProperty("retryable").GetBoolean());
        }

        var top = body.GetProperty("top").EnumerateArray().ToList();
        var groups = errors.GroupBy(e => (e.ErrorCategory, e.Name)).OrderByDescending(g => g.Count()).ToList();
        Assert.Equal(groups.Count, top.Count);
        var first = top[0];
        var group = groups.Single(g => g.Key.ErrorCategory == first.GetProperty("category").GetString() && g.Key.Name == first.GetProperty("component").GetString());
        Assert.Equal(groups[0].Count(), first.GetProperty("count").GetInt64());
        Assert.Equal(group.Max(e => e.Timestamp), first.GetProperty("lastOccurred").GetDateTimeOffset());
        var samples = first.GetProperty("sampleTurnIds").EnumerateArray().Select(s => s.GetString()).ToList();
        Assert.InRange(samples.Count, 1, 3);
        Assert.All(samples, s => Assert.Contains(s, group.Select(e => e.TurnId)));
        Assert.Equal(group.OrderBy(e => e.Timestamp).Last().TurnId, samples[0]);
        Assert.False(string.IsNullOrWhiteSpace(first.GetProperty("suggestion").GetString()));

        var series = body.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(errors.Count, series.Sum(s => s.GetProperty("counts").EnumerateArray().Sum(c => c.GetInt64())));
    }

    [Theory]
    [InlineData("markdown", "text/markdown", "# IVR error report")]
    [InlineData("text", "text/plain", "IVR ERROR REPORT")]
    public async Task ErrorsReport_NamesCategoriesSampleTurnsAndNextSteps(string format, string contentType, string title)
    {
        var response = await Host.Client.GetAsync(new Uri($"/api/performance/errors/report?{Day}&format={format}", UriKind.Relative));
        var report = await response.Content.ReadAsStringAsync();

        Assert.True(response.IsSuccessStatusCode, report);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith(title, report, StringComparison.Ordinal);
        Assert.Contains("provider_unavailable", report, StringComparison.Ordinal);
        Assert.Contains("rate_limited", report, StringComparison.Ordinal);
        Assert.Contains(ErrorCatalog.Describe(ErrorCategory.ProviderUnavailable).Suggestion, report, StringComparison.Ordinal);
        var failedTurn = Seeded.Where(r => r.Kind == "error" && r.ErrorCategory == "provider_unavailable").OrderBy(r => r.Timestamp).Last().TurnId!;
        Assert.Contains(failedTurn, report, StringComparison.Ordinal);
        Assert.Contains("Next steps", report, StringComparison.Ordinal);
        Assert.Equal(format == "markdown", report.Contains("\n## ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AllViews_EmptyWindow_ReportZerosAndNullsNotErrors()
    {
        var range = "from=2026-11-20T00:00:00Z&to=2026-11-20T01:00:00Z";
        var dashboard = await Host.GetJsonAsync($"/api/performance/dashboard?{range}");
        var metrics = await Host.GetJsonAsync($"/api/performance/metrics?{range}");

        var kpis = dashboard.GetProperty("kpis");
        Assert.Equal(0, kpis.GetProperty("calls").GetInt64());
        Assert.Equal(0, kpis.GetProperty("turns").GetInt64());
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("successRate").ValueKind);
        Assert.Equal(JsonValueKind.Null, kpis.GetProperty("turnLatency").GetProperty("p95Ms").ValueKind);
        Assert.Equal(0, kpis.GetProperty("costUsd").GetDouble());
        Assert.Equal(60, dashboard.GetProperty("series").GetProperty("buckets").GetArrayLength());
        Assert.All(dashboard.GetProperty("series").GetProperty("turns").EnumerateArray(), v => Assert.Equal(0, v.GetInt64()));
        Assert.Equal(0, metrics.GetProperty("errors").GetProperty("total").GetInt64());
        Assert.Empty(metrics.GetProperty("sessions").GetProperty("calls").EnumerateArray());
        Assert.All(metrics.GetProperty("components").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("count").GetInt64()));
    }

    [Fact]
    public async Task Metrics_DayWindow_HoldsEveryViewConsistentWithTheSingleViews()
    {
        var metrics = await Host.GetJsonAsync($"/api/performance/metrics?{Day}");
        var components = await Host.GetJsonAsync($"/api/performance/components?{Day}");

        Assert.Equal(components.GetProperty("components").GetRawText(), metrics.GetProperty("components").GetRawText());
        Assert.Equal(SeededHostFixture.Calls, metrics.GetProperty("kpis").GetProperty("calls").GetInt64());
        Assert.Equal(Seeded.Count(r => r.Kind == "error"), metrics.GetProperty("errors").GetProperty("total").GetInt64());
        Assert.Equal(Seeded.Count(r => r.Kind == "usage"), metrics.GetProperty("apiUsage").GetProperty("services").EnumerateArray().Sum(s => s.GetProperty("requests").GetInt64()));
        Assert.True(metrics.TryGetProperty("alerts", out var alerts) && alerts.TryGetProperty("firing", out _));
        Assert.Equal(SeededHostFixture.Calls, metrics.GetProperty("sessions").GetProperty("totals").GetProperty("calls").GetInt64());
        Assert.Equal(Seeded.Count(r => r.Kind == "cache"), metrics.GetProperty("cache").GetProperty("caches").EnumerateArray().Sum(c => c.GetProperty("lookups").GetInt64()));
    }
}
