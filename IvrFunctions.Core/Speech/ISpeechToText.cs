using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Speech;

/// <summary>Turns a recording into text. Failures are thrown as <see cref="Errors.ClassifiedException"/>.</summary>
public interface ISpeechToText
{
    Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default);
}
