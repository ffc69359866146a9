using System.Globalization;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech.Offline;

/// <summary>Offline TTS: espeak-ng speaks the text (read from standard input, never the command line), sox resamples it to
/// 8 kHz mono 16-bit, and the result is rewritten with a canonical WAV header.</summary>
public sealed class EspeakTextToSpeech(IOptions<OfflineSpeechOptions> options) : ITextToSpeechEngine
{
    public string Provider => ProviderNames.Offline;

    public SpeechVoice VoiceFor(string language) => new($"espeak-ng:{options.Value.VoiceFor(language)}", "offline");

    public async Task<byte[]> SynthesizeAsync(string text, string language, SpeechVoice voice, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var o = options.Value;
        var timeout = TimeSpan.FromSeconds(o.ToolTimeoutSeconds);
        var folder = Directory.CreateTempSubdirectory("ivr-tts-");
        try
        {
            var raw = Path.Combine(folder.FullName, "espeak.wav");
            var telephone = Path.Combine(folder.FullName, "answer.wav");
            var spoken = await ExternalTool.RunAsync(o.EspeakPath,
                ["-v", o.VoiceFor(language), "-s", o.WordsPerMinute.ToString(CultureInfo.InvariantCulture), "-w", raw, "--stdin"],
                "espeak-ng", timeout, text, cancellationToken);
            if (spoken.ExitCode != 0 || !File.Exists(raw))
            {
                throw new ClassifiedException(ErrorCategory.ProviderUnavailable, $"espeak-ng failed ({spoken.ExitCode}): {spoken.StandardError.Trim()}");
            }

            var resampled = await ExternalTool.RunAsync(o.SoxPath,
                [raw, "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", telephone], "sox", timeout, cancellationToken: cancellationToken);
            if (resampled.ExitCode != 0 || !File.Exists(telephone))
            {
                throw new ClassifiedException(ErrorCategory.AudioFormat, $"sox could not resample to 8 kHz ({resampled.ExitCode}): {resampled.StandardError.Trim()}");
            }

            var wav = await File.ReadAllBytesAsync(telephone, cancellationToken);
            return WavAudio.CreatePcm16(WavAudio.ToTelephonyPcm(wav));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
