using Azure.Storage.Blobs.Models;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.LoadDriver;

/// <summary>Providers that answer at once (plus an optional answer delay), so the figures measure the platform's own overhead.</summary>
sealed class ZeroLatencyProviders(StorageAccount storage) : ISpeechToText, IAnswerService, IAnswerAudioSynthesizer
{
    const string BlobName = "load/answer.wav";
    readonly SemaphoreSlim _upload = new(1, 1);
    volatile bool _uploaded;

    /// <summary>Added to every answer, to measure how soon <c>exotel/answer</c> returns after a turn completes.</summary>
    public static TimeSpan AnswerDelay { get; set; }

    public Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(new Transcription("When is the centre open?", 0.9, TimeSpan.FromSeconds(1), "zero", null));

    public async Task<Answer> AnswerAsync(string question, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        if (AnswerDelay > TimeSpan.Zero)
        {
            await Task.Delay(AnswerDelay, cancellationToken);
        }

        return new Answer("The centre is open from 10 to 5.", true, [], false, "zero", null);
    }

    public async Task<AnswerAudio> SynthesizeAsync(string text, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
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
