using System.Net;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// Azurite stops and comes back on the same ports while calls run, with the real Table-backed telemetry: no 5xx, every
/// caller hears something, no telemetry record lost beyond the counted drops, none written twice, calls work after.
/// </summary>
public sealed class StorageFaultTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    readonly string _dataFolder = Directory.CreateTempSubdirectory("ivr-hardening-").FullName;
    StoppableAzurite _azurite = null!;

    public async Task InitializeAsync()
    {
        _azurite = await StoppableAzurite.StartAsync(_dataFolder);
    }

    public async Task DisposeAsync()
    {
        await _azurite.DisposeAsync();

        Directory.Delete(_dataFolder, recursive: true);
    }

    [Fact]
    public async Task AzuriteStoppedAndRestartedMidLoad_No5xx_CallersAnswered_TelemetryCounted_Recovers()
    {
        await using var recordings = await FakeRecordingServer.StartAsync();
        await using var server = await SelfHostServer.StartAsync(
            _azurite.ConnectionString,
            services =>
            {
                services.AddSingleton<ISpeechToText, FakeSpeechToText>();
                services.AddSingleton<IAnswerService, FakeAnswerService>();
                services.AddSingleton<IAnswerAudioSynthesizer>(sp => new FakeAnswerAudioSynthesizer(sp.GetRequiredService<StorageAccount>()));
            },
            "--Exotel:RecordingHosts:0=127.0.0.1",
            $"--Exotel:ApiKey={FakeRecordingServer.ApiKey}",
            $"--Exotel:ApiToken={FakeRecordingServer.ApiToken}",
            "--Audio:SigningKey=test-audio-signing-key-0123456789abcdef",
            "--Turns:RetryBaseDelayMilliseconds=20",
            "--Turns:AttemptTimeoutSeconds=2",
            "--Turns:DeadlineSeconds=6",
            "--Telemetry:FlushInterval=00:00:00.200",
            "--Telemetry:MaxRetryDelay=00:00:01");
        ((FakeSpeechToText)server.Services.GetRequiredService<ISpeechToText>()).Behaviour.Latency = TimeSpan.FromMilliseconds(100);
        ((FakeAnswerService)server.Services.GetRequiredService<IAnswerService>()).Behaviour.Latency = TimeSpan.FromMilliseconds(200);
        var from = TimeProvider.System.GetUtcNow().AddMinutes(-1);
        var walk = new CallerWalk(server.Client, recordings);

        var load = Task.WhenAll(Enumerable.Range(0, 8).Select(_ => walk.CallAsync(3, TimeSpan.FromSeconds(40))));
        await Task.Delay(500);
        await _azurite.StopAsync();
        await Task.Delay(1500);
        // Azurite may come back without the tables created just before it stopped (it saves its metadata lazily): the
        // call flow provisions them again itself, nobody steps in.
        await _azurite.StartAgainAsync();
        await load.WaitAsync(TimeSpan.FromSeconds(180));

        Assert.Empty(walk.ServerErrors);
        // During the outage a question may be refused (302: "please ask again"); nothing else may go wrong.
        Assert.All(walk.Problems, p => Assert.Contains("question not accepted", p, StringComparison.Ordinal));
        Assert.All(walk.Answers, a => Assert.True(CallerWalk.IsSensible(a.Answer), a.Answer));
        // Every question was either answered or refused with 302 (the flow's "please ask again").
        Assert.Equal(8 * 3, walk.Answers.Count + walk.Problems.Count);

        // Recovery: a new call gets audio.
        var after = new CallerWalk(server.Client, recordings);
        await after.CallAsync(1, TimeSpan.FromSeconds(20));
        Assert.Empty(after.Problems);
        Assert.StartsWith("http", Assert.Single(after.Answers).Answer, StringComparison.Ordinal);

        // Every answered turn ends completed in storage: completions that failed during the outage are saved after it.
        var pending = server.Services.GetRequiredService<PendingTurnCompletions>();
        await Eventually.TrueAsync(() => pending.Count == 0, TimeSpan.FromSeconds(90), "unsaved completions saved");
        Assert.Equal(0, pending.Abandoned);
        var turns = server.Services.GetRequiredService<TurnStore>();
        var completed = new List<string>();
        foreach (var (_, turnId, _) in walk.Answers.Concat(after.Answers))
        {
            var turn = await turns.GetAsync(turnId, CancellationToken.None);
            Assert.True(turn?.IsCompleted == true, $"turn {turnId} is {turn?.Status ?? "missing"}");
            completed.Add(turnId);
        }

        // Telemetry: every completed turn's turn record is stored once, unless counted as dropped.

        var buffer = server.Services.GetRequiredService<TelemetryBuffer>();
        var reader = server.Services.GetRequiredService<TelemetryReader>();
        List<IGrouping<string?, TelemetryRecord>> stored = [];
        for (var i = 0; i < 60; i++)
        {
            stored = [.. (await ReadAsync(reader, from)).Where(r => r.Component == StageNames.Turn && completed.Contains(r.TurnId!)).GroupBy(r => r.TurnId)];
            if (stored.Count + buffer.DroppedRecords >= completed.Count)
            {
                break;
            }

            await Task.Delay(500);
        }

        output.WriteLine($"answers {walk.Answers.Count} (audio {walk.Answers.Count(a => a.Answer.StartsWith("http", StringComparison.Ordinal))}), problems {walk.Problems.Count}, " +
            $"completions saved late {pending.Saved}, statuses {string.Join(", ", walk.Responses.GroupBy(r => r.Status).Select(g => $"{g.Key}×{g.Count()}"))}, completed turns {completed.Count}, turn records {stored.Count}, drops {buffer.DroppedRecords}");
        Assert.All(stored, g => Assert.Single(g));

        // Webhooks that failed on storage are classified as storage failures, not as internal errors (bugs).
        var errors = new List<TelemetryRecord>();
        await foreach (var record in reader.ReadRecordsAsync(TelemetryRecordKind.Error, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
        {
            errors.Add(record);
        }

        Assert.DoesNotContain(errors, e => e.Component == StageNames.Webhook && e.ErrorCategory == Core.Errors.ErrorCategory.Internal);
        Assert.True(stored.Count + buffer.DroppedRecords >= completed.Count,
            $"{completed.Count} completed turns, {stored.Count} turn records stored, {buffer.DroppedRecords} counted drops");
    }

    static async Task<List<TelemetryRecord>> ReadAsync(TelemetryReader reader, DateTimeOffset from)
    {
        var records = new List<TelemetryRecord>();
        await foreach (var record in reader.ReadRecordsAsync(TelemetryRecordKind.Stage, from, TimeProvider.System.GetUtcNow().AddMinutes(1)))
        {
            records.Add(record);
        }

        return records;
    }
}
