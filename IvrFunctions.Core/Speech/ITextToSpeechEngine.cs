using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Speech;

/// <summary>One TTS backend (Google or espeak-ng) without caching: text to 8 kHz mono 16-bit PCM WAV bytes. Records its own API usage.</summary>
public interface ITextToSpeechEngine
{
    string Provider { get; }

    SpeechVoice VoiceFor(string language);

    Task<byte[]> SynthesizeAsync(string text, string language, SpeechVoice voice, TelemetryContext context, CancellationToken cancellationToken = default);
}
