using System.Globalization;
using System.Net;
using System.Text.Json;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Export;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace IvrFunctions.Tests.Insights;

[Collection(ExportReadCollection.Name)]
public sealed class ExportTests(SeededHostFixture fixture) : IClassFixture<SeededHostFixture>
{
    static List<string[]> ParseCsv(string text)
    {
        // The seeded data has no quoted cells; split is enough to check rows and columns.
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        return [.. lines.Select(l => l.Split(','))];
    }

    [Fact]
    public async Task Export_CsvQuery_StreamsEverySeededRecordOfTheKindsInTimeOrder()
    {
        var response = await fixture.Host.PostJsonAsync("/api/performance/export?window=24h&kinds=stage,error&format=csv", null);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var rows = ParseCsv(text);
        Assert.Equal(CsvExportWriter.Header, string.Join(',', rows[0]));
        var data = rows.Skip(1).ToList();
        var expected = fixture.Seeded.Where(r => r.Kind is "stage" or "error").ToList();
        Assert.Equal(expected.Count, data.Count);
        Assert.Equal(expected.Count(r => r.Kind == "error"), data.Count(r => r[0] == "error"));
        var times = data.Select(r => DateTimeOffset.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.Order(), times);
        foreach (var stage in expected.Where(r => r.Kind == "stage").Take(20))
        {
            Assert.Contains(data, r => r[0] == "stage" && r[2] == stage.Name && r[4] == (stage.TurnId ?? string.Empty)
                && Math.Abs(double.Parse(r[6], CultureInfo.InvariantCulture) - stage.DurationMs!.Value) < 0.01);
        }
    }

    [Fact]
    public async Task Export_JsonBody_SessionsHaveMaskedCallersOnly()
    {
        var response = await fixture.Host.PostJsonAsync("/api/performance/export",
            new { format = "json", from = "2026-11-24T08:00:00Z", to = "2026-11-24T10:00:00Z", kinds = new[] { "session" } });
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var records = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.Equal(fixture.Seeded.Count(r => r.Kind == "session"), records.Count);
        Assert.All(records, r => Assert.Matches("^hash:[0-9a-f]{8}$", r.GetProperty("caller").GetString()));
        Assert.DoesNotContain("98765432", text, StringComparison.Ordinal);
        Assert.Equal(SeededHostFixture.Calls, records.Count(r => r.GetProperty("name").GetString() == "started"));
        Assert.False(records[0].TryGetProperty("durationMs", out _)); // nulls are left out
    }

    [Fact]
    public async Task Export_ToBlob_AnswersATimeLimitedLinkThatDownloadsTheSameRecords()
    {
        // Storage checks a link's expiry against its own clock, so this host's clock reads the real time.
        var now = DateTimeOffset.UtcNow;
        await using var host = await InsightsHost.StartAsync(now.AddMinutes(-2));
        var seed = host.Seeder();
        for (var i = 0; i < 25; i++)
        {
            seed.Usage(now.AddMinutes(-2).AddSeconds(i), ApiServices.GoogleTts, 200 + i, new UsageUnits(Characters: 100 + i, VoiceClass: "standard"));
        }

        host.Time.SetUtcNow(now);
        await host.FlushAsync();
        var streamed = await (await host.PostJsonAsync("/api/performance/export?window=15m&kinds=usage", null)).Content.ReadAsStringAsync();

        var response = await host.PostJsonAsync("/api/performance/export", new { window = "15m", kinds = new[] { "usage" }, destination = "blob" });
        var link = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("account-key", link.GetProperty("sasKind").GetString());
        Assert.Equal(25, link.GetProperty("records").GetInt64());
        Assert.Equal(now.AddMinutes(60), link.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.StartsWith(now.ToString("yyyy/MM/dd/", CultureInfo.InvariantCulture), link.GetProperty("blobName").GetString(), StringComparison.Ordinal);
        var url = new Uri(link.GetProperty("url").GetString()!);
        Assert.Contains("sig=", url.Query, StringComparison.Ordinal);
        Assert.Contains("sp=r&", url.Query, StringComparison.Ordinal);
        using var anonymous = new HttpClient();
        var downloaded = await anonymous.GetStringAsync(url);
        Assert.Equal(streamed, downloaded);
        Assert.Equal(26, downloaded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        var unsigned = await anonymous.GetAsync(new Uri(url.GetLeftPart(UriPartial.Path)));
        Assert.False(unsigned.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Export_HostileValues_AreNeutralisedInCsv()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        await using var host = await InsightsHost.StartAsync(now.AddMinutes(-5));
        host.Telemetry.RecordError(new ErrorOccurrence(ErrorCategory.BadRequest, "=HYPERLINK(\"http://evil\")", new TelemetryContext("@call", "-turn"),
            "+cmd|' /C calc'!A0", "=provider"));
        host.Time.SetUtcNow(now);
        await host.FlushAsync();

        var text = await (await host.PostJsonAsync("/api/performance/export?window=15m&kinds=error", null)).Content.ReadAsStringAsync();

        var row = text.Split("\r\n")[1];
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", row, StringComparison.Ordinal);
        Assert.Contains(",'@call,'-turn,", row, StringComparison.Ordinal);
        Assert.Contains("'+cmd|' /C calc'!A0", row, StringComparison.Ordinal);
        Assert.Contains(",'=provider,", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",+", row, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_RollupsMissing_StillReadsEveryRecord()
    {
        var now = new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
        await using var host = await InsightsHost.StartAsync(now.AddHours(-5));
        var seed = host.Seeder();
        for (var i = 0; i < 7; i++)
        {
            seed.Cache(now.AddHours(-5).AddMinutes(i * 20), CacheKinds.Audio, i % 2 == 0);
        }

        host.Time.SetUtcNow(now);
        await host.FlushAsync();
        var service = new Azure.Data.Tables.TableServiceClient(await Infrastructure.TestAzurite.ConnectionStringAsync());
        await service.DeleteTableAsync(host.RollupsTable);
        await service.DeleteTableAsync(host.RollupsTable + "h");

        var text = await (await host.PostJsonAsync("/api/performance/export?window=24h&kinds=cache,stage", null)).Content.ReadAsStringAsync();

        Assert.Equal(8, text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Export_ThirtyDaysWithABusyMinute_StreamsEveryRecordOnceInTimeOrderWithItsFields()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var start = now.AddHours(-3);
        await using var host = await InsightsHost.StartAsync(start.AddDays(-1), "--Insights:ExportReadParallelism=2");
        var seed = host.Seeder();
        // A day-old record, a sparse hour of every kind, then a busy minute (1,200 stage records: two row-key sub-ranges of
        // one partition) and 1,500 more over the next half hour (several segments), and a record at the window's last instant.
        seed.Cache(start.AddDays(-1), CacheKinds.Response, true, "call-old");
        for (var i = 0; i < 40; i++)
        {
            var at = start.AddMinutes(i).AddSeconds(i % 9);
            switch (i % 4)
            {
                case 0: seed.Cache(at, CacheKinds.Audio, i % 3 == 0, $"call-{i}"); break;
                case 1: seed.Error(at, ErrorCategory.Timeout, StageNames.Tts, $"turn-{i}"); break;
                case 2: await seed.CallStartedAsync(at, $"call-{i}", $"+9198765{i:D5}"); break;
                default: seed.Usage(at, ApiServices.GoogleStt, 300 + i, new UsageUnits(AudioSeconds: 4), callSid: $"call-{i}"); break;
            }
        }

        var busy = start.AddHours(1).AddMinutes(5);
        for (var i = 0; i < 1200; i++)
        {
            seed.Stage(busy.AddMilliseconds(45 * i), StageNames.Stt, 0.5 + (i % 40), callSid: $"busy-{i}", turnId: $"turn-b{i}");
        }

        for (var i = 0; i < 1500; i++)
        {
            seed.Stage(busy.AddMinutes(2).AddSeconds(1.2 * i), StageNames.Rag, 1 + (i % 50), callSid: $"late-{i}", turnId: $"turn-l{i}");
        }

        seed.Error(now.AddTicks(-TimeSpan.TicksPerMillisecond), ErrorCategory.RateLimited, StageNames.Llm, "turn-last");
        host.Time.SetUtcNow(now);
        await host.FlushAsync();

        var response = await host.PostJsonAsync("/api/performance/export?window=30d&format=csv", null);
        var rows = ParseCsv(await response.Content.ReadAsStringAsync()).Skip(1).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Expected from what was seeded: time order, same-time records in kind order (stage, usage, cache, session, error).
        var kindOrder = RecordKinds.All.ToList();
        var expected = seed.Seeded.OrderBy(r => r.Timestamp).ThenBy(r => kindOrder.IndexOf(r.Kind)).ToList();
        Assert.Equal(2742, expected.Count);
        Assert.Equal(expected.Select(r => r.Kind), rows.Select(r => r[0]));
        Assert.Equal(expected.Select(r => r.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)), rows.Select(r => r[1]));
        Assert.Equal(expected.Select(r => r.Kind == "error" ? r.TurnId : r.CallSid ?? string.Empty), rows.Select(r => r[0] == "error" ? r[4] : r[3]));
        var stages = expected.Zip(rows).Where(p => p.First.Kind == "stage").ToList();
        Assert.All(stages, p => Assert.Equal(p.First.DurationMs!.Value, double.Parse(p.Second[6], CultureInfo.InvariantCulture), 0.01));
        var sessions = rows.Where(r => r[0] == "session").ToList();
        Assert.Equal(10, sessions.Count);
        Assert.All(sessions, r => Assert.Matches("^hash:[0-9a-f]{8}$", r[19]));
    }

    [Fact]
    public async Task Export_ClientGoesAway_EveryStorageReadStops()
    {
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
        var recorder = new Telemetry.TableRequestRecorder();
        var connection = await Infrastructure.TestAzurite.ConnectionStringAsync();
        await using var host = await InsightsHost.StartAsync(now.AddHours(-2), null,
            s => s.Replace(ServiceDescriptor.Singleton(sp => new TelemetryTables(recorder.Service(connection),
                sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value))),
            "--Insights:ExportReadParallelism=1");
        // 12,000 error records of ~600 bytes of CSV each (7 MB, about 14 segments): more than the connection buffers.
        var detail = string.Concat(Enumerable.Repeat("upstream answered slowly; ", 20));
        host.Time.SetUtcNow(now.AddHours(-2));
        for (var i = 0; i < 12_000; i++)
        {
            host.Telemetry.RecordError(new ErrorOccurrence(ErrorCategory.Timeout, StageNames.Llm, new TelemetryContext($"call-{i}", $"turn-{i}"), detail));
            host.Time.Advance(TimeSpan.FromMilliseconds(550));
        }

        host.Time.SetUtcNow(now);
        await host.FlushAsync();

        // A client with a small receive buffer (no kernel auto-tuning), so what is in flight on the connection stays small.
        using var client = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { ReceiveBufferSize = 8192, NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, token);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        { BaseAddress = host.Server.BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", Infrastructure.SelfHostServer.TestKey);
        var debug = new System.Text.StringBuilder(); // for the failure message
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/performance/export?window=24h&kinds=error", UriKind.Relative)))
        using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[16 * 1024];
            var n = await body.ReadAsync(buffer);
            debug.Append($"first bytes at {clock.ElapsedMilliseconds} ms, queries {recorder.Queries(host.RecordsTablePrefix).Count}; ");
            Assert.StartsWith(CsvExportWriter.Header, System.Text.Encoding.UTF8.GetString(buffer, 0, n), StringComparison.Ordinal);
        }

        // The server notices the closed connection, cancels the export, and its reads stop; the ~14 segments were never all read.
        var records = host.Server.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.RecordsTablePrefix;
        // The export's queries (the retention service also lists the table, by kind prefix only).
        int ExportQueries() => recorder.Queries(records).Count(f => f.Contains("'error-2026", StringComparison.Ordinal));

        // Until the server notices, read-ahead may still fill its buffers as the response drains into the socket: wait
        // for the reads to settle (none in flight, none started for a second), then check they stay stopped.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        var queried = ExportQueries();
        while (DateTime.UtcNow < deadline)
        {
            await Task.Delay(1000);
            var latest = ExportQueries();
            if (latest == queried && recorder.InFlight(records) == 0)
            {
                break;
            }

            queried = latest;
        }

        debug.Append($"settled at {clock.ElapsedMilliseconds} ms, queries {recorder.Queries(host.RecordsTablePrefix).Count}; ");
        await Task.Delay(1500);
        Assert.Equal(0, recorder.InFlight(records));
        Assert.Equal(queried, ExportQueries());
        Assert.True(queried is >= 1 and <= 10, debug + string.Join("\n", recorder.Queries(records)));
    }

    [Fact]
    public async Task Export_HugeWindow_IsStreamedAsTheClientReads_NotBufferedFirst()
    {
        var source = new SyntheticRecordSource(5_000_000);
        await using var host = await InsightsHost.StartAsync(SeededHostFixture.Now, null, s => s.Replace(ServiceDescriptor.Singleton<IPerformanceDataSource>(source)));

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/performance/export?window=30d", UriKind.Relative));
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long read = 0;
        while (read < 4 * 1024 * 1024)
        {
            var n = await body.ReadAsync(buffer);
            Assert.NotEqual(0, n);
            read += n;
        }

        // ~4 MB received (about 30,000 rows); the server has pulled only as far as the socket and its small buffers allow.
        Assert.InRange(source.Produced, 1, 500_000);
    }

    [Fact]
    public async Task Export_OneMillionRecords_LiveHeapStaysBounded()
    {
        const long count = 1_000_000;
        var source = new SyntheticRecordSource(count);
        await using var host = await InsightsHost.StartAsync(SeededHostFixture.Now, null, s => s.Replace(ServiceDescriptor.Singleton<IPerformanceDataSource>(source)));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/performance/export?window=30d&format=csv", UriKind.Relative));
        using var response = await host.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long total = 0;
        long lines = 0;
        long peak = 0;
        long nextSample = 8 * 1024 * 1024;
        int n;
        while ((n = await body.ReadAsync(buffer)) > 0)
        {
            total += n;
            lines += buffer.AsSpan(0, n).Count((byte)'\n');
            if (total >= nextSample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                nextSample += 8 * 1024 * 1024;
            }
        }

        Assert.Equal(count + 1, lines);
        Assert.True(total > 100L * 1024 * 1024, $"only {total} bytes");
        // Buffering the export would hold over 100 MB (twice that as strings); streaming keeps the live heap near flat.
        Assert.True(peak < 32L * 1024 * 1024, $"live heap grew by {peak / (1024 * 1024)} MB while streaming {total / (1024 * 1024)} MB");
    }
}
