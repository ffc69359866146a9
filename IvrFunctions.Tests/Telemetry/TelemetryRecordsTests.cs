using Azure.Data.Tables;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Telemetry;

public sealed class TelemetryRecordsTests
{
    static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 58, 0, TimeSpan.Zero);

    [Fact]
    public async Task ReadRecords_Window_ReturnsExactlyTheRecordsInsideIt_WithTurnIdsThatJoin()
    {
        var time = new FakeTimeProvider(Start);
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("win"), time);
        var t = harness.Telemetry;
        var expectedInWindow = new List<string>();

        // One turn every 30 s for 10 minutes, crossing the hour (two record partitions per kind).
        for (var i = 0; i < 20; i++)
        {
            var context = new TelemetryContext($"call-{i / 4}", $"turn-{i}", "en-IN");
            using (var stage = t.StartStage(StageNames.Stt, context))
            {
                time.Advance(TimeSpan.FromMilliseconds(700 + i));
                stage.SetProvider("google", "latest_short");
                stage.Succeed();
            }

            t.RecordApiUsage(new ApiUsage(ApiServices.GoogleStt, context, true, TimeSpan.FromMilliseconds(650), new UsageUnits(AudioSeconds: 15), "latest_short"));
            t.RecordCacheLookup(new CacheLookup(CacheKinds.Response, i % 3 == 0, context));
            var at = time.GetUtcNow();
            if (at >= Start.AddMinutes(3) && at < Start.AddMinutes(7))
            {
                expectedInWindow.Add($"turn-{i}");
            }

            time.Advance(TimeSpan.FromSeconds(30) - TimeSpan.FromMilliseconds(700 + i));
        }

        await harness.Flusher.FlushAsync();

        var stages = new List<TelemetryRecord>();
        await foreach (var record in harness.Reader.ReadRecordsAsync(TelemetryRecordKind.Stage, Start.AddMinutes(3), Start.AddMinutes(7)))
        {
            stages.Add(record);
        }

        Assert.Equal(expectedInWindow, stages.Select(s => s.TurnId!));
        Assert.All(stages, s =>
        {
            Assert.Equal(StageNames.Stt, s.Component);
            Assert.True(s.Success);
            Assert.Equal("google", s.Provider);
            Assert.Equal("latest_short", s.Model);
            Assert.Equal("test", s.Host);
            Assert.Equal(1, s.Attempt);
            Assert.InRange(s.DurationMs!.Value, 700, 720);
        });

        var all = await harness.ReadAllAsync(Start, Start.AddHours(1));
        Assert.Equal(60, all.Count);
        var turn7 = all.Where(r => r.TurnId == "turn-7").Select(r => r.Kind).Order().ToList();
        Assert.Equal([TelemetryRecordKind.Stage, TelemetryRecordKind.Usage, TelemetryRecordKind.Cache], turn7);
        var usage = all.First(r => r.Kind == TelemetryRecordKind.Usage);
        Assert.Equal(15, usage.AudioSeconds);
        Assert.Equal("v1-standard", usage.PriceSku);
        Assert.Equal(15 / 60.0 * 0.024, usage.CostUsd!.Value, 12);
    }

    [Fact]
    public async Task StageTimer_DisposedWithoutOutcome_RecordsInternalFailureAndAnError()
    {
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("abandon"), new FakeTimeProvider(Start));
        var context = new TelemetryContext("call-1", "turn-1");

        try
        {
            using var stage = harness.Telemetry.StartStage(StageNames.Tts, context);
            stage.SetProvider("google");
            throw new InvalidOperationException("escaped the using block");
        }
        catch (InvalidOperationException)
        {
        }

        var records = harness.DrainBuffer();
        var stageRecord = Assert.Single(records, r => r.Kind == TelemetryRecordKind.Stage);
        Assert.False(stageRecord.Success);
        Assert.Equal(ErrorCategory.Internal, stageRecord.ErrorCategory);
        Assert.Equal(ErrorFault.Platform, stageRecord.Fault);
        Assert.Equal("turn-1", stageRecord.TurnId);
        var error = Assert.Single(records, r => r.Kind == TelemetryRecordKind.Error);
        Assert.Equal(ErrorCategory.Internal, error.ErrorCategory);
        Assert.Equal(StageNames.Tts, error.Component);
        Assert.Equal("google", error.Provider);
    }

    [Fact]
    public void StageTimer_FailThenDispose_RecordsTheCategoryOnce_AndNoExtraError()
    {
        using var harness = new TelemetryHarness(new TableServiceClient("UseDevelopmentStorage=true"), TelemetryHarness.NewOptions("fail"), new FakeTimeProvider(Start));
        var stage = harness.Telemetry.StartStage(StageNames.Llm, new TelemetryContext("c", "t"));
        stage.Attempt = 2;
        stage.Fail(ErrorCategory.RateLimited, "429 from provider");
        stage.Dispose();
        stage.Dispose();

        var record = Assert.Single(harness.DrainBuffer());
        Assert.Equal(TelemetryRecordKind.Stage, record.Kind);
        Assert.Equal(ErrorCategory.RateLimited, record.ErrorCategory);
        Assert.True(record.Retryable);
        Assert.Equal(2, record.Attempt);
        Assert.Equal("429 from provider", record.Detail);
    }

    [Fact]
    public async Task RecordError_StoresCategoryRetryableFaultComponentProvider_AndMasksNumbersInDetail()
    {
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("err"), new FakeTimeProvider(Start));
        harness.Telemetry.RecordError(new ErrorOccurrence(ErrorCategory.ProviderQuota, StageNames.Llm, new TelemetryContext("call-9", "turn-3"),
            "quota exceeded for caller +91 98765 43210 (request 42)", "openai"));
        await harness.Flusher.FlushAsync();

        var error = Assert.Single(await harness.ReadAllAsync(Start, Start.AddMinutes(1)));
        Assert.Equal(TelemetryRecordKind.Error, error.Kind);
        Assert.Equal(ErrorCategory.ProviderQuota, error.ErrorCategory);
        Assert.False(error.Retryable);
        Assert.Equal(ErrorFault.Configuration, error.Fault);
        Assert.Equal(StageNames.Llm, error.Component);
        Assert.Equal("openai", error.Provider);
        Assert.Equal("turn-3", error.TurnId);
        Assert.Equal("quota exceeded for caller [number] (request 42)", error.Detail);
    }

    [Fact]
    public async Task Flush_RecordsEitherSideOfAnHour_GoToTheirHoursTable_AndReadBackInOrder()
    {
        var hour = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        var time = new FakeTimeProvider(hour.AddTicks(-1));
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("hours"), time);
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("call-1", "before")));
        time.Advance(TimeSpan.FromTicks(1));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("call-1", "after")));
        await harness.Flusher.FlushAsync();

        foreach (var (tableHour, turn) in new[] { (hour.AddHours(-1), "before"), (hour, "after") })
        {
            var table = harness.Tables.RecordsFor(tableHour);
            Assert.Equal(harness.Options.RecordsTablePrefix + tableHour.ToString("yyyyMMddHH", System.Globalization.CultureInfo.InvariantCulture), table.Name);
            var rows = new List<TableEntity>();
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                rows.Add(entity);
            }

            var chunk = Assert.Single(rows);
            Assert.Equal(1, chunk.GetInt32(RecordChunkEntity.CountProperty));
            Assert.Equal(turn, Assert.Single(RecordChunkEntity.FromEntity(chunk, DateTimeOffset.MinValue, DateTimeOffset.MaxValue)).TurnId);
        }

        var read = await harness.ReadAllAsync(hour.AddMinutes(-1), hour.AddMinutes(1));
        Assert.Equal(["before", "after"], read.Select(r => r.TurnId));
    }

    [Fact]
    public async Task ListRecordHours_OnlyThisPrefixsHourTables_InTheWindow_InTimeOrder()
    {
        var time = new FakeTimeProvider(Start);
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("list"), time);
        var prefix = harness.Options.RecordsTablePrefix;
        foreach (var name in new[] { prefix + "2026112412", prefix + "2026112409", prefix + "2026112410",
                     prefix + "x2026112409", prefix + "20261124", prefix + "2026113109", prefix + "x", prefix + "20261124091" })
        {
            await harness.Tables.Service.CreateTableIfNotExistsAsync(name);
        }

        var all = await harness.Tables.ListRecordHoursAsync(Start.AddHours(-1), Start.AddHours(3));
        var tenToEleven = await harness.Tables.ListRecordHoursAsync(Start.AddMinutes(2), Start.AddMinutes(62));

        var nine = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([nine, nine.AddHours(1), nine.AddHours(3)], all);
        Assert.Equal([nine.AddHours(1)], tenToEleven); // 10:00–11:00 only
    }

    [Fact]
    public async Task Flush_HoursTableDeleted_IsCreatedAgain_AndNothingIsLost()
    {
        var time = new FakeTimeProvider(Start);
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("recreate"), time);
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("call-1", "first")));
        await harness.Flusher.FlushAsync();
        await harness.Tables.Service.DeleteTableAsync(harness.Tables.RecordsTableName(Start)); // e.g. storage reset under a running host

        time.Advance(TimeSpan.FromSeconds(1));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("call-1", "second")));
        // The first attempt finds the table gone (this writer thought it existed); the retry creates it and writes the batch.
        await Assert.ThrowsAnyAsync<Azure.RequestFailedException>(() => harness.Flusher.FlushAsync());
        Assert.Equal(1, harness.Flusher.PendingRecords);
        await harness.Flusher.FlushAsync();

        Assert.Equal("second", Assert.Single(await harness.ReadAllAsync(Start, Start.AddMinutes(1))).TurnId);
    }

    [Fact]
    public async Task RecordSession_CallerNumberNeverStoredRaw_OnlyItsKeyedHash()
    {
        const string number = "+919876543210";
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), TelemetryHarness.NewOptions("caller"), new FakeTimeProvider(Start));
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Started, "call-1", number, "hi-IN"));
        harness.Telemetry.RecordSession(new SessionEvent(SessionEventKind.Ended, "call-1", "+91 98765 43210", "hi-IN", "completed", 42, 1, 2, true));
        await harness.Flusher.FlushAsync();

        var sessions = await harness.ReadAllAsync(Start, Start.AddMinutes(1));
        Assert.Equal(2, sessions.Count);
        var expectedHash = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(TelemetryHarness.CallerHashKey), System.Text.Encoding.UTF8.GetBytes("919876543210")));
        Assert.All(sessions, s => Assert.Equal(expectedHash, s.CallerHash));

        foreach (var table in new[] { harness.Tables.RecordsFor(Start), harness.Tables.MinuteRollups, harness.Tables.HourlyRollups })
        {
            await foreach (var entity in table.QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in entity)
                {
                    // Binary properties: rollup histograms, and record chunks (UTF-8 JSON): look at both readings.
                    var text = value is byte[] bytes
                        ? Convert.ToHexString(bytes) + System.Text.Encoding.UTF8.GetString(bytes)
                        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
                    Assert.DoesNotContain("9876543210", text.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
                }
            }
        }
    }

    [Fact]
    public async Task Retention_DropsRecordHoursAndMinuteRollupsPastRetention_KeepsRecentOnes()
    {
        var time = new FakeTimeProvider(Start);
        var options = TelemetryHarness.NewOptions("ret");
        options.RetentionDays = 30;
        using var harness = new TelemetryHarness(await TelemetryHarness.ServiceAsync(), options, time);
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("old", "old-turn")));
        await harness.Flusher.FlushAsync();
        // The cutoff will be Start + 1 day (09:58): the 08:00 hour before it ends by then, the 09:00 hour does not.
        var cutoff = Start.AddDays(1);
        time.SetUtcNow(cutoff.AddMinutes(-80));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("old", "ended-hour-turn")));
        await harness.Flusher.FlushAsync();
        time.SetUtcNow(cutoff.AddMinutes(-20));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, true, new TelemetryContext("old", "cutoff-hour-turn")));
        await harness.Flusher.FlushAsync();
        time.SetUtcNow(Start.AddDays(31));
        harness.Telemetry.RecordCacheLookup(new CacheLookup(CacheKinds.Audio, false, new TelemetryContext("new", "new-turn")));
        await harness.Flusher.FlushAsync();

        var retention = new TelemetryRetention(harness.Tables, Microsoft.Extensions.Options.Options.Create(options), time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TelemetryRetention>.Instance);
        var result = await retention.PurgeAsync();

        Assert.Equal(cutoff, result.Cutoff);
        Assert.Equal(2, result.RecordTablesDropped);
        Assert.True(result.RollupRowsDeleted >= 1);
        Assert.Empty(await harness.ReadAllAsync(Start, Start.AddHours(1)));
        Assert.Empty(await harness.ReadAllAsync(cutoff.AddHours(-2), cutoff.AddHours(-1)));
        var hoursLeft = await harness.Tables.ListRecordHoursAsync(Start, time.GetUtcNow().AddHours(1));
        Assert.Equal([new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 25, 9, 0, 0, TimeSpan.Zero)], hoursLeft);
        // Records of the hour the cutoff falls in stay until the whole hour has passed it.
        Assert.Equal("cutoff-hour-turn", Assert.Single(await harness.ReadAllAsync(cutoff.AddHours(-1), cutoff)).TurnId);
        var left = await harness.ReadAllAsync(time.GetUtcNow().AddHours(-1), time.GetUtcNow().AddMinutes(1));
        Assert.Equal("new-turn", Assert.Single(left).TurnId);
        var oldMinutes = await harness.Reader.ReadRollupsAsync(Start, Start.AddMinutes(5), RollupGranularity.Minute);
        Assert.Empty(oldMinutes);
        var oldHours = await harness.Reader.ReadRollupsAsync(Start, Start.AddHours(1), RollupGranularity.Hour);
        Assert.NotEmpty(oldHours); // hour rollups are kept for RollupRetentionDays
    }
}
