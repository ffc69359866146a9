using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Storage.Blobs.Models;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.LoadDriver;

/// <summary>
/// Providers that answer at once by default, or after a configured latency per stage (realistic: STT 700 ms, RAG
/// 1200 ms, TTS 400 ms), and record the time each turn actually spent in them, so platform overhead = turn time minus
/// that provider time.
/// </summary>
sealed class ZeroLatencyProviders(StorageAccount storage) : ISpeechToText, IAnswerService, IAnswerAudioSynthesizer
{
    const string BlobName = "load/answer.wav";
    readonly SemaphoreSlim _upload = new(1, 1);
    volatile bool _uploaded;

    static readonly ConcurrentDictionary<string, double> ProviderMilliseconds = new(StringComparer.Ordinal);

    /// <summary>Added to every answer, to measure how soon <c>exotel/answer</c> returns after a turn completes.</summary>
    public static TimeSpan AnswerDelay { get; set; }

    public static TimeSpan TranscribeDelay { get; set; }

    public static TimeSpan SynthesizeDelay { get; set; }

    /// <summary>Milliseconds the turn spent inside the providers (the configured latencies as actually slept).</summary>
    public static double ProviderTime(string turnId) => ProviderMilliseconds.TryGetValue(turnId, out var ms) ? ms : 0;

    public async Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await DelayAsync(TranscribeDelay, context, cancellationToken);
        return new Transcription("When is the centre open?", 0.9, TimeSpan.FromSeconds(1), "zero", null);
    }

    public async Task<Answer> AnswerAsync(string question, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await DelayAsync(AnswerDelay, context, cancellationToken);
        return new Answer("The centre is open from 10 to 5.", true, [], false, "zero", null);
    }

    static async Task DelayAsync(TimeSpan delay, TelemetryContext context, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await Task.Delay(delay, cancellationToken);
        if (context.TurnId is { } turnId)
        {
            ProviderMilliseconds.AddOrUpdate(turnId, _ => Stopwatch.GetElapsedTime(started).TotalMilliseconds, (_, sum) => sum + Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    public async Task<AnswerAudio> SynthesizeAsync(string text, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await DelayAsync(SynthesizeDelay, context, cancellationToken);
        if (!_uploaded)
        {
            await _upload.WaitAsync(cancellationToken);
            try
            {
                if (!_uploaded)
                {
                    var container = storage.Container(StorageNames.AnswersContainer);
                    await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                    await container.GetBlobClient(BlobName).UploadAsync(new BinaryData(Wav.Silence(1)),
                        new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "audio/wav" } }, cancellationToken);
                    _uploaded = true;
                }
            }
            finally
            {
                _upload.Release();
            }
        }

        return new AnswerAudio(StorageNames.AnswersContainer, BlobName, TimeSpan.FromSeconds(1), "zero", true);
    }
}
