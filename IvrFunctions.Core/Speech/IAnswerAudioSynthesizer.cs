using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Speech;

/// <summary>Text to stored telephone-quality audio, through the audio cache. Failures are thrown as <see cref="Errors.ClassifiedException"/>.</summary>
public interface IAnswerAudioSynthesizer
{
    Task<AnswerAudio> SynthesizeAsync(string text, string language, TelemetryContext context, CancellationToken cancellationToken = default);
}
