using System.Collections.Concurrent;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>Test double of our <see cref="ISpeechToText"/>: hears a fixed question in any recording it is given.</summary>
public sealed class FakeSpeechToText : ISpeechToText
{
    public FakeBehaviour Behaviour { get; } = new();

    public string Transcript { get; set; } = "When is the nearest Krishi Vigyan Kendra open?";

    public ConcurrentQueue<(string Language, string ContentType, int Bytes)> Heard { get; } = new();

    public async Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        await Behaviour.RunAsync(cancellationToken);
        Heard.Enqueue((language, audio.ContentType, audio.Content.Length));
        return new Transcription(Transcript, 0.93, TimeSpan.FromSeconds(2), "fake-stt", "fake-model");
    }
}
