using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// Rollups read back must equal aggregates computed here, independently, from the raw records read back. These tests write
/// thousands of rows, so they use their own Azurite rather than load the one the other tests share.
/// </summary>
public sealed class RollupConsistencyTests : IAsyncLifetime
{
    AzuriteProcess _azurite = null!;

    public async Task InitializeAsync() =>
        _azurite = await AzuriteProcess.StartAsync(new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), DataFolder: null));

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    static readonly DateTimeOffset Start = new(2026, 11, 24, 22, 41, 17, TimeSpan.Zero);
    static readonly string[] Models = ["gpt-4o-mini", "gpt-4o", "unknown-model"];
    static readonly string[] Voices = ["standard", "wavenet", "neural2"];
    static readonly ErrorCategory[] Categories = [ErrorCategory.Timeout, ErrorCategory.RateLimited, ErrorCategory.EmptyTranscript, ErrorCategory.Storage];

    [Fact]
    public async Task Rollups_FromConcurrentWritersFlushingInParallel_EqualAggregatesOfTheRawRecords()
    {
        var service = await TelemetryHarness.ServiceAsync(_azurite.Settings.ConnectionString);
        var options = TelemetryHarness.NewOptions("rollup");
        const int writers = 4;
        const int eventsPerWriter = 1_200;
        var harnesses = Enumerable.Range(0, writers).Select(i => new TelemetryHarness(service, options, new FakeTimeProvider(Start.AddSeconds(i * 13)))).ToList();
        try
        {
            var register = new SharedOpenCalls();
            await Task.WhenAll(harnesses.Select((h, i) => Task.Run(() => WriteRandomAsync(h, (FakeTimeProvider)h.Time, new Random(100 + i), eventsPerWriter, i, register))));

            var end = harnesses.Max(h => h.Time.GetUtcNow()).AddMinutes(1);
            var records = await harnesses[0].ReadAllAsync(Start.AddHours(-1), end);
            Assert.Equal(harnesses.Sum(h => h.Flusher.FlushedRecords), records.Count);
            Assert.Equal(records.Count, records.Select(r => r.Id).Distinct().Count());
            Assert.Equal(0, harnesses.Sum(h => h.Buffer.DroppedRecords));

            foreach (var granularity in new[] { RollupGranularity.Minute, RollupGranularity.Hour })
            {
                var expected = Expected(records, granularity);
                var actual = (await harnesses[0].Reader.ReadRollupsAsync(Start.AddHours(-1), end, granularity))
                    .ToDictionary(b => (b.BucketStart, b.Dimension, b.Key), b => b.Values);

                Assert.Equal(expected.Keys.OrderBy(k => k.ToString()), actual.Keys.OrderBy(k => k.ToString()));
                foreach (var (key, exp) in expected)
                {
                    var act = actual[key];
                    var where = $"{granularity} {key}";
                    Assert.True(exp.Count == act.Count, $"{where}: count {act.Count}, expected {exp.Count}");
                    Assert.True(exp.Successes == act.Successes, $"{where}: successes");
                    Assert.True(exp.Started == act.Started, $"{where}: started");
                    Assert.True(exp.Turns == act.Turns, $"{where}: turns");
                    Assert.True(exp.Hits == act.Hits, $"{where}: hits");
                    Assert.True(exp.Characters == act.Characters && exp.InputTokens == act.InputTokens
                        && exp.CachedInputTokens == act.CachedInputTokens && exp.OutputTokens == act.OutputTokens, $"{where}: units");
                    Assert.True(exp.Unpriced == act.Unpriced, $"{where}: unpriced");
                    Close(exp.AudioSeconds, act.AudioSeconds, $"{where}: audio seconds");
                    Close(exp.CostUsd, act.CostUsd, $"{where}: cost");
                    Close(exp.SavedCostUsd, act.SavedCostUsd, $"{where}: saved cost");
                    Close(exp.ActiveSeconds, act.ActiveSeconds, $"{where}: active seconds");
                    Assert.True(
                        Equals(exp.OpenCalls, act.OpenCalls is { } o ? (o.Max, o.FirstSequence, o.BeforeFirst, o.LastSequence, o.AfterLast) : null),
                        $"{where}: open calls {act.OpenCalls?.Max}/{act.OpenCalls?.FirstSequence}/{act.OpenCalls?.LastSequence}, expected {exp.OpenCalls}");
                    Assert.Equal(exp.Durations.Count, act.Latency?.Count ?? 0);
                    if (exp.Durations.Count > 0)
                    {
                        Close(exp.Durations.Sum(), act.Latency!.Sum, $"{where}: duration sum");
                        var sorted = exp.Durations.Order().ToArray();
                        foreach (var q in new[] { 0.5, 0.9, 0.95, 0.99 })
                        {
                            var exact = sorted[Math.Max(1, (int)Math.Ceiling(q * sorted.Length)) - 1];
                            Assert.True(Math.Abs(act.Latency.Percentile(q) - exact) <= 0.01 * exact, $"{where} p{q * 100}: {act.Latency.Percentile(q)} vs {exact}");
                        }
                    }
                }
            }

            // Several writers really shared buckets: some merged rows come from more than one shard.
            var shards = new List<RollupBucket>();
            await foreach (var row in harnesses[0].Reader.ReadRollupRowsAsync(Start, end, RollupGranularity.Hour, RollupDimensions.Stage))
            {
                shards.Add(row);
            }

            Assert.Contains(shards.GroupBy(s => (s.BucketStart, s.Key)), g => g.Count() == writers);
        }
        finally
        {
            harnesses.ForEach(h => h.Dispose());
        }
    }

    [Fact]
    public async Task LateRecordForAnEvictedBucket_ReadsTheWritersRowBack_InsteadOfOverwritingIt()
    {
        var start = new DateTimeOffset(2026, 11, 24, 6, 30, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(_azurite.Settings.ConnectionString), TelemetryHarness.NewOptions("late"), time);
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, "call-long", null, "en-IN"));
        await harness.Flusher.FlushAsync();

        time.Advance(TimeSpan.FromHours(4));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, TelemetryContext.None));
        await harness.Flusher.FlushAsync(); // evicts the 06:30 minute state
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, "call-long", null, "en-IN", "completed", DurationSeconds: 4 * 3600, Turns: 9, Success: true));
        await harness.Flusher.FlushAsync();

        var first = Assert.Single(await harness.Reader.ReadRollupsAsync(start, start.AddMinutes(1), RollupGranularity.Minute, RollupDimensions.Session));
        Assert.Equal(1, first.Values.Started);
        Assert.Equal(60, first.Values.ActiveSeconds, 6);
        var hours = await harness.Reader.ReadTotalsAsync(start, start.AddHours(5), RollupGranularity.Hour, RollupDimensions.Session);
        var calls = Assert.Single(hours).Values;
        Assert.Equal(1, calls.Started);
        Assert.Equal(1, calls.Count);
        Assert.Equal(9, calls.Turns);
        Assert.Equal(4 * 3600, calls.ActiveSeconds, 6);
    }

    /// <summary>Stands in for the open-call register all instances share: one count, changed in one order.</summary>
    sealed class SharedOpenCalls
    {
        readonly Lock _lock = new();
        long _open;
        long _sequence;

        public OpenCallCount Change(int delta, DateTimeOffset at)
        {
            lock (_lock)
            {
                _open += delta;
                return new OpenCallCount(_open, ++_sequence, at);
            }
        }
    }

    static async Task WriteRandomAsync(TelemetryHarness h, FakeTimeProvider time, Random random, int events, int writer, SharedOpenCalls register)
    {
        var t = h.Telemetry;
        var openCalls = new List<(string Sid, DateTimeOffset Started)>();
        for (var i = 0; i < events; i++)
        {
            var context = new TelemetryContext($"w{writer}-call-{i / 10}", $"w{writer}-turn-{i}", "en-IN");
            switch (random.Next(6))
            {
                case 0:
                case 1:
                    using (var stage = t.StartStage(StageNames.All[random.Next(StageNames.All.Count)], context))
                    {
                        time.Advance(TimeSpan.FromMilliseconds(Math.Exp(random.NextDouble() * 9)));
                        if (random.Next(5) == 0)
                        {
                            stage.Fail(Categories[random.Next(Categories.Length)]);
                        }
                        else if (random.Next(50) != 0)
                        {
                            stage.Succeed();
                        }
                    }

                    break;
                case 2:
                    var usage = random.Next(3) switch
                    {
                        0 => new ApiUsage(ApiServices.GoogleStt, context, random.Next(10) > 0, TimeSpan.FromMilliseconds(random.Next(100, 3000)),
                            new UsageUnits(AudioSeconds: 15 * random.Next(1, 5))),
                        1 => new ApiUsage(ApiServices.GoogleTts, context, true, TimeSpan.FromMilliseconds(random.Next(50, 900)),
                            new UsageUnits(Characters: random.Next(20, 400), VoiceClass: Voices[random.Next(Voices.Length)])),
                        _ => new ApiUsage(ApiServices.OpenAIChat, context, random.Next(8) > 0, TimeSpan.FromMilliseconds(random.Next(300, 5000)),
                            new UsageUnits(InputTokens: 2000, CachedInputTokens: random.Next(0, 2000), OutputTokens: random.Next(10, 300)), Models[random.Next(Models.Length)]),
                    };
                    t.RecordApiUsage(usage);
                    break;
                case 3:
                    t.RecordCacheLookup(new CacheLookup(CacheKinds.All[random.Next(CacheKinds.All.Count)], random.Next(2) == 0, context,
                        ApiServices.GoogleTts, new UsageUnits(Characters: 100, VoiceClass: "standard")));
                    break;
                case 4:
                    t.RecordError(new ErrorOccurrence(Categories[random.Next(Categories.Length)], StageNames.All[random.Next(StageNames.All.Count)], context));
                    break;
                default:
                    if (openCalls.Count > 0 && random.Next(2) == 0)
                    {
                        var call = openCalls[random.Next(openCalls.Count)];
                        openCalls.Remove(call);
                        t.RecordSession(new SessionEvent(SessionEventKind.Ended, call.Sid, "+911234567890", "en-IN", "completed",
                            random.Next(3) == 0 ? null : (time.GetUtcNow() - call.Started).TotalSeconds, Turns: random.Next(1, 5), Success: random.Next(4) > 0,
                            OpenCalls: register.Change(-1, time.GetUtcNow())));
                    }
                    else
                    {
                        var sid = $"w{writer}-session-{i}";
                        openCalls.Add((sid, time.GetUtcNow()));
                        t.RecordSession(new SessionEvent(SessionEventKind.Started, sid, "+911234567890", "en-IN", OpenCalls: register.Change(+1, time.GetUtcNow())));
                    }

                    break;
            }

            time.Advance(TimeSpan.FromMilliseconds(random.Next(0, 18_000)));
            if (i % 150 == 149)
            {
                await h.Flusher.FlushAsync();
            }
        }

        await h.Flusher.FlushAsync();
    }

    sealed class Aggregate
    {
        public long Count;
        public long Successes;
        public long Started;
        public long Turns;
        public long Hits;
        public long Characters;
        public long InputTokens;
        public long CachedInputTokens;
        public long OutputTokens;
        public long Unpriced;
        public double AudioSeconds;
        public double CostUsd;
        public double SavedCostUsd;
        public double ActiveSeconds;
        public (long Max, long FirstSequence, long BeforeFirst, long LastSequence, long AfterLast)? OpenCalls;
        public List<double> Durations { get; } = [];

        /// <summary>A counted session event: the count before it and after it, folded by max, lowest and highest sequence.</summary>
        public void AddOpenCalls(TelemetryRecord r)
        {
            var after = r.OpenCalls!.Value;
            var before = r.SessionKind == SessionEventKind.Started ? after - 1 : after + 1;
            var sequence = r.OpenCallsSequence!.Value;
            var o = OpenCalls ?? (Math.Max(before, after), sequence, before, sequence, after);
            OpenCalls = (
                Math.Max(o.Max, Math.Max(before, after)),
                Math.Min(o.FirstSequence, sequence),
                sequence <= o.FirstSequence ? before : o.BeforeFirst,
                Math.Max(o.LastSequence, sequence),
                sequence >= o.LastSequence ? after : o.AfterLast);
        }
    }

    /// <summary>The test's own aggregation of raw records (written without the production rollup code).</summary>
    static Dictionary<(DateTimeOffset, string, string), Aggregate> Expected(List<TelemetryRecord> records, RollupGranularity granularity)
    {
        var result = new Dictionary<(DateTimeOffset, string, string), Aggregate>();
        var length = TimeBuckets.Length(granularity);
        DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - (t.UtcTicks % length.Ticks), TimeSpan.Zero);
        Aggregate At(DateTimeOffset bucket, string dimension, string key)
        {
            if (!result.TryGetValue((bucket, dimension, key), out var a))
            {
                result[(bucket, dimension, key)] = a = new Aggregate();
            }

            return a;
        }

        void Usage(Aggregate a, TelemetryRecord r)
        {
            a.Count++;
            a.AudioSeconds += r.AudioSeconds ?? 0;
            a.Characters += r.Characters ?? 0;
            a.InputTokens += r.InputTokens ?? 0;
            a.CachedInputTokens += r.CachedInputTokens ?? 0;
            a.OutputTokens += r.OutputTokens ?? 0;
            a.CostUsd += r.CostUsd ?? 0;
            a.Unpriced += r.CostUsd is null ? 1 : 0;
            a.Successes += r.Success ? 1 : 0;
        }

        foreach (var r in records)
        {
            var bucket = Floor(r.Timestamp);
            switch (r.Kind)
            {
                case TelemetryRecordKind.Stage:
                    var s = At(bucket, "stage", r.Component);
                    s.Count++;
                    s.Successes += r.Success ? 1 : 0;
                    s.Durations.Add(r.DurationMs!.Value);
                    break;
                case TelemetryRecordKind.Usage:
                    var u = At(bucket, "usage", r.Component);
                    Usage(u, r);
                    u.Durations.Add(r.DurationMs!.Value);
                    Usage(At(bucket, "sku", $"{r.Component}:{r.PriceSku ?? r.VoiceClass ?? r.Model ?? "unknown"}"), r);
                    break;
                case TelemetryRecordKind.Cache:
                    var c = At(bucket, "cache", r.Component);
                    c.Count++;
                    c.Successes++;
                    c.Hits += r.Hit == true ? 1 : 0;
                    c.SavedCostUsd += r.SavedCostUsd ?? 0;
                    break;
                case TelemetryRecordKind.Error:
                    var code = ErrorCatalog.Describe(r.ErrorCategory!.Value).Code;
                    At(bucket, "error", code).Count++;
                    At(bucket, "errorcomponent", $"{r.Component}:{code}").Count++;
                    break;
                case TelemetryRecordKind.Session when r.SessionKind == SessionEventKind.Started:
                    At(bucket, "session", "calls").Started++;
                    At(bucket, "session", "calls").AddOpenCalls(r);
                    break;
                case TelemetryRecordKind.Session:
                    var e = At(bucket, "session", "calls");
                    e.AddOpenCalls(r);
                    e.Count++;
                    e.Successes += r.Success ? 1 : 0;
                    e.Turns += r.Turns ?? 0;
                    if (r.DurationMs is { } ms)
                    {
                        e.Durations.Add(ms);
                        var from = r.Timestamp - TimeSpan.FromMilliseconds(ms);
                        for (var b = Floor(from); b < r.Timestamp; b += length)
                        {
                            var overlap = (Min(r.Timestamp, b + length) - Max(from, b)).TotalSeconds;
                            if (overlap > 0)
                            {
                                At(b, "session", "calls").ActiveSeconds += overlap;
                            }
                        }
                    }

                    break;
            }
        }

        return result;
    }

    // Sums of doubles added in a different order differ in the last bits only.
    static void Close(double expected, double actual, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(1, Math.Abs(expected)), $"{what}: {actual}, expected {expected}");

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
