using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// <see cref="SegmentedRecordReader"/> against Azurite, with records written by the real flusher (so the rollups it plans
/// from are the real ones). Every expectation is computed from what the test recorded, never from storage.
/// </summary>
[Collection(Insights.ExportReadCollection.Name)]
public sealed class SegmentedRecordReaderTests
{
    static readonly DateTimeOffset T0 = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    static readonly TelemetryRecordKind[] AllKinds =
        [TelemetryRecordKind.Stage, TelemetryRecordKind.Usage, TelemetryRecordKind.Cache, TelemetryRecordKind.Session, TelemetryRecordKind.Error];

    /// <summary>What was recorded: kind, exact time and a unique label (carried as the record's call id).</summary>
    sealed record Seeded(TelemetryRecordKind Kind, DateTimeOffset At, string Label);

    sealed class Seeder(TelemetryHarness harness, FakeTimeProvider time)
    {
        public List<Seeded> Records { get; } = [];

        public void Add(TelemetryRecordKind kind, DateTimeOffset at)
        {
            if (at > time.GetUtcNow())
            {
                time.SetUtcNow(at);
            }

            Assert.Equal(at, time.GetUtcNow()); // seed in time order
            var label = $"r{Records.Count:D6}";
            var context = new TelemetryContext(label, null, "en-IN");
            var t = harness.Telemetry;
            switch (kind)
            {
                case TelemetryRecordKind.Stage:
                    using (var stage = t.StartStage(StageNames.Stt, context))
                    {
                        stage.Succeed();
                    }

                    break;
                case TelemetryRecordKind.Usage:
                    t.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, context, true, TimeSpan.FromMilliseconds(120), new UsageUnits(Characters: 80, VoiceClass: "standard")));
                    break;
                case TelemetryRecordKind.Cache:
                    t.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, context));
                    break;
                case TelemetryRecordKind.Session:
                    t.RecordSession(new SessionEvent(SessionEventKind.Started, label, "+919800000000", "en-IN"));
                    break;
                default:
                    t.RecordError(new ErrorOccurrence(ErrorCategory.Timeout, StageNames.Rag, context, "seeded"));
                    break;
            }

            Records.Add(new Seeded(kind, at, label));
        }

        /// <summary>What a reader of <paramref name="kinds"/> over [from, to) must return, in order: by time, then by kind order.</summary>
        public List<string> Expected(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<TelemetryRecordKind> kinds) =>
        [
            .. Records.Where(r => r.At >= from && r.At < to && kinds.Contains(r.Kind))
                .OrderBy(r => r.At).ThenBy(r => Array.IndexOf([.. kinds], r.Kind))
                .Select(r => r.Label),
        ];
    }

    sealed class Setup : IDisposable
    {
        Setup(TelemetryHarness harness, FakeTimeProvider time, TableRequestRecorder recorder, TableServiceClient service)
        {
            Harness = harness;
            Recorder = recorder;
            Seed = new Seeder(harness, time);
            Reader = new SegmentedRecordReader(harness.Tables, harness.Reader);
            Service = service;
        }

        public TelemetryHarness Harness { get; }

        public TableRequestRecorder Recorder { get; }

        public Seeder Seed { get; }

        public SegmentedRecordReader Reader { get; }

        public TableServiceClient Service { get; }

        public string RecordsTablePrefix => Harness.Options.RecordsTablePrefix;

        public static async Task<Setup> StartAsync(string prefix)
        {
            var time = new FakeTimeProvider(T0.AddHours(-1));
            var recorder = new TableRequestRecorder();
            var service = recorder.Service(await TestAzurite.ConnectionStringAsync());
            var options = TelemetryHarness.NewOptions(prefix);
            options.BufferCapacity = 50_000;
            options.MaxBatchRecords = 50_000;
            options.WriteParallelism = 8;
            return new Setup(new TelemetryHarness(service, options, time), time, recorder, service);
        }

        public async Task<List<string>> ReadAsync(DateTimeOffset from, DateTimeOffset to, IReadOnlyList<TelemetryRecordKind> kinds, int parallelism = 4)
        {
            var labels = new List<string>();
            await foreach (var record in Reader.ReadAsync(kinds, from, to, parallelism))
            {
                labels.Add(record.CallSid!);
            }

            return labels;
        }

        public void Dispose() => Harness.Dispose();
    }

    /// <summary>
    /// A sparse hour (every kind, a few records, three of them at the same instant), a busy hour (2,600 stage records, 1,100
    /// of them in minute 10:07), an empty hour with one record in its last instant, and records just outside the window.
    /// </summary>
    static async Task SeedDayAsync(Setup setup)
    {
        var seed = setup.Seed;
        seed.Add(TelemetryRecordKind.Stage, T0.AddTicks(-1));
        for (var i = 0; i < 60; i++)
        {
            seed.Add(AllKinds[i % 5], T0.AddMinutes(i).AddSeconds(i % 7));
        }

        var same = T0.AddMinutes(59).AddSeconds(30);
        seed.Add(TelemetryRecordKind.Error, same);
        seed.Add(TelemetryRecordKind.Session, same);
        seed.Add(TelemetryRecordKind.Cache, same);
        for (var i = 0; i < 1100; i++)
        {
            seed.Add(TelemetryRecordKind.Stage, T0.AddHours(1).AddMinutes(7).AddMilliseconds(50 * i));
        }

        for (var i = 0; i < 1500; i++)
        {
            seed.Add(i % 10 == 0 ? TelemetryRecordKind.Usage : TelemetryRecordKind.Stage, T0.AddHours(1).AddMinutes(10).AddSeconds(1.5 * i));
        }

        seed.Add(TelemetryRecordKind.Error, T0.AddHours(3).AddTicks(-1));
        seed.Add(TelemetryRecordKind.Cache, T0.AddHours(3));
        await setup.Harness.Flusher.FlushAsync();
    }

    [Fact]
    public async Task Read_ManyPartitionsAndABusyMinute_ReturnsEveryRecordOnceInTimeThenKindOrder()
    {
        using var setup = await Setup.StartAsync("segall");
        await SeedDayAsync(setup);

        var read = await setup.ReadAsync(T0, T0.AddHours(3), AllKinds);

        var expected = setup.Seed.Expected(T0, T0.AddHours(3), AllKinds);
        Assert.Equal(2664, expected.Count);
        Assert.Equal(expected, read);
        // The busy minute (1,100 stage records) was read as two time sub-ranges (of its 10-second partitions), each within a page.
        var busyMinute = setup.Recorder.Queries(setup.RecordsTablePrefix).Where(f => f.Contains("'stage-202611241007", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, busyMinute.Distinct().Count());
        Assert.DoesNotContain(busyMinute, f => f.Contains("'stage-202611241006", StringComparison.Ordinal) || f.Contains("'stage-202611241008", StringComparison.Ordinal));
        // The two quiet hours are one query each for every kind; the busy hour one segment per kind plus the stage's extra
        // pages (1 + 7 + 1): far fewer queries than minutes.
        Assert.Equal(9, setup.Recorder.Queries(setup.RecordsTablePrefix).Count);
    }

    [Fact]
    public async Task Read_WindowEdgesInsideMinutesAndSomeKinds_ReturnsExactlyThoseRecords()
    {
        using var setup = await Setup.StartAsync("segedge");
        await SeedDayAsync(setup);
        var from = T0.AddHours(1).AddMinutes(7).AddSeconds(13.025);
        var to = T0.AddHours(1).AddMinutes(20).AddSeconds(3.5);
        TelemetryRecordKind[] kinds = [TelemetryRecordKind.Usage, TelemetryRecordKind.Stage];

        var read = await setup.ReadAsync(from, to, kinds);

        var expected = setup.Seed.Expected(from, to, kinds);
        Assert.True(expected.Count > 1000, $"only {expected.Count} expected");
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task Read_RollupTablesGone_StillReadsEveryRecord()
    {
        using var setup = await Setup.StartAsync("segnoroll");
        await SeedDayAsync(setup);
        await setup.Service.DeleteTableAsync(setup.Harness.Options.RollupsTable);
        await setup.Service.DeleteTableAsync(setup.Harness.Options.HourlyRollupsTable);

        var read = await setup.ReadAsync(T0.AddDays(-2), T0.AddDays(1), AllKinds);

        Assert.Equal(setup.Seed.Expected(T0.AddDays(-2), T0.AddDays(1), AllKinds), read);
    }

    [Fact]
    public async Task Read_RecordsTheRollupsDoNotCount_AreStillRead()
    {
        using var setup = await Setup.StartAsync("segundercount");
        await SeedDayAsync(setup);
        // A writer that died between writing its records and its rollups: 1,500 stage records in the sparse hour that no
        // rollup counts, so the segment planned there as a few records holds 1,500 more.
        var extra = Enumerable.Range(0, 1500)
            .Select(i => new Seeded(TelemetryRecordKind.Stage, T0.AddMinutes(20).AddMilliseconds(7 + (10 * i)), $"x{i:D6}")).ToList();
        var records = setup.Service.GetTableClient(setup.Harness.Tables.RecordsTableName(T0.AddMinutes(20)));
        var chunks = RecordChunkEntity.ToEntities(extra.Select(r => new TelemetryRecord
        {
            Kind = TelemetryRecordKind.Stage,
            Timestamp = r.At,
            Id = Guid.NewGuid().ToString("N"),
            Component = StageNames.Tts,
            Success = true,
            CallSid = r.Label,
        }));
        foreach (var batch in chunks.GroupBy(c => c.PartitionKey).SelectMany(g => g.Chunk(50)))
        {
            await records.SubmitTransactionAsync(batch.Select(c => new TableTransactionAction(TableTransactionActionType.UpsertReplace, c)));
        }

        var read = await setup.ReadAsync(T0, T0.AddHours(3), AllKinds);

        var expected = setup.Seed.Records.Concat(extra).Where(r => r.At >= T0 && r.At < T0.AddHours(3))
            .OrderBy(r => r.At).ThenBy(r => Array.IndexOf(AllKinds, r.Kind)).Select(r => r.Label).ToList();
        Assert.Equal(expected, read);
    }

    [Fact]
    public async Task Read_LongSparseWindow_IssuesNoQueryPerEmptyMinuteOrHour()
    {
        using var setup = await Setup.StartAsync("segsparse");
        await SeedDayAsync(setup);

        var empty = await setup.ReadAsync(T0.AddDays(-31), T0.AddDays(-1), AllKinds);
        var emptyQueries = setup.Recorder.Queries(setup.RecordsTablePrefix).Count;
        var read = await setup.ReadAsync(T0.AddDays(-29), T0.AddDays(1), AllKinds);

        Assert.Empty(empty);
        Assert.Equal(0, emptyQueries); // 30 empty days have no record table: the table list says so, no record query is sent
        Assert.Equal(setup.Seed.Expected(T0.AddDays(-29), T0.AddDays(1), AllKinds), read);
        Assert.Equal(11, setup.Recorder.Queries(setup.RecordsTablePrefix).Count - emptyQueries); // only the 5 hours with a table: 4 quiet (a query each), 1 busy (7)
    }

    [Fact]
    public async Task Read_QuietHours_OneQueryPerHourForEveryRequestedKind_InTimeThenKindOrder()
    {
        using var setup = await Setup.StartAsync("segquiet");
        // 30 quiet hours, each with a few records of every kind (two at the same instant).
        for (var h = 0; h < 30; h++)
        {
            for (var i = 0; i < 10; i++)
            {
                setup.Seed.Add(AllKinds[(h + i) % 5], T0.AddHours(h).AddMinutes(5 * i).AddSeconds(h % 7));
            }

            setup.Seed.Add(TelemetryRecordKind.Error, T0.AddHours(h).AddMinutes(59));
            setup.Seed.Add(TelemetryRecordKind.Stage, T0.AddHours(h).AddMinutes(59));
        }

        await setup.Harness.Flusher.FlushAsync();
        TelemetryRecordKind[] kinds = [TelemetryRecordKind.Stage, TelemetryRecordKind.Error];

        var read = await setup.ReadAsync(T0.AddMinutes(30), T0.AddHours(30), kinds);

        Assert.Equal(setup.Seed.Expected(T0.AddMinutes(30), T0.AddHours(30), kinds), read);
        var queries = setup.Recorder.Queries(setup.RecordsTablePrefix);
        Assert.Equal(30, queries.Count);
        Assert.All(queries, f => Assert.DoesNotContain("usage-", f, StringComparison.Ordinal)); // only the requested kinds' partitions
    }

    [Fact]
    public async Task Read_SlowConsumer_ReadsAheadOnlySoFar_AndKeepsQueriesInFlightWithinTheParallelism()
    {
        using var setup = await Setup.StartAsync("segbound");
        for (var i = 0; i < 12_000; i++)
        {
            setup.Seed.Add(TelemetryRecordKind.Stage, T0.AddMilliseconds(300 * i)); // 12 pages over an hour
        }

        await setup.Harness.Flusher.FlushAsync();
        TelemetryRecordKind[] kinds = [TelemetryRecordKind.Stage, TelemetryRecordKind.Cache];

        var labels = new List<string>();
        await using (var records = setup.Reader.ReadAsync(kinds, T0, T0.AddHours(2), parallelism: 2).GetAsyncEnumerator())
        {
            Assert.True(await records.MoveNextAsync());
            labels.Add(records.Current.CallSid!);
            await Task.Delay(1500); // let the read-ahead run as far as it may
            var queriedWhileHeld = setup.Recorder.Queries(setup.RecordsTablePrefix).Count;
            await Task.Delay(500);

            // Stage: the current segment and two more; cache: one segment. Nowhere near the 12 stage segments.
            Assert.Equal(queriedWhileHeld, setup.Recorder.Queries(setup.RecordsTablePrefix).Count);
            Assert.InRange(queriedWhileHeld, 2, 4);
            while (await records.MoveNextAsync())
            {
                labels.Add(records.Current.CallSid!);
            }
        }

        Assert.Equal(setup.Seed.Expected(T0, T0.AddHours(2), kinds), labels);
        Assert.InRange(setup.Recorder.MaxInFlight(setup.RecordsTablePrefix), 1, 2);
        Assert.Equal(0, setup.Recorder.InFlight(setup.RecordsTablePrefix));
    }

    [Fact]
    public async Task Read_CancelledOrLeftEarly_StopsEveryQuery()
    {
        using var setup = await Setup.StartAsync("segcancel");
        for (var i = 0; i < 12_000; i++)
        {
            setup.Seed.Add(i % 2 == 0 ? TelemetryRecordKind.Stage : TelemetryRecordKind.Usage, T0.AddMilliseconds(300 * i));
        }

        await setup.Harness.Flusher.FlushAsync();

        using var cancel = new CancellationTokenSource();
        var read = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var record in setup.Reader.ReadAsync(AllKinds, T0, T0.AddHours(1), 1, cancellationToken: cancel.Token))
            {
                if (++read == 1500)
                {
                    await cancel.CancelAsync();
                }
            }
        });
        var afterCancel = setup.Recorder.Queries(setup.RecordsTablePrefix).Count;
        Assert.Equal(0, setup.Recorder.InFlight(setup.RecordsTablePrefix)); // every read stopped before the enumeration ended
        await Task.Delay(1000);
        Assert.Equal(afterCancel, setup.Recorder.Queries(setup.RecordsTablePrefix).Count);
        // 6 segments of stage, 6 of usage, one each for the other kinds: the current and one more each had been started.
        Assert.InRange(afterCancel, 5, 7);

        await foreach (var record in setup.Reader.ReadAsync(AllKinds, T0, T0.AddHours(1), 4))
        {
            break; // a consumer that stops reading (the errors view stops at its scan limit)
        }

        var afterBreak = setup.Recorder.Queries(setup.RecordsTablePrefix).Count;
        Assert.Equal(0, setup.Recorder.InFlight(setup.RecordsTablePrefix));
        await Task.Delay(1000);
        Assert.Equal(afterBreak, setup.Recorder.Queries(setup.RecordsTablePrefix).Count);
    }
}
