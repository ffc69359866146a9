using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech.Offline;

/// <summary>
/// Offline STT, English only: ffmpeg decodes the recording (WAV, mu-law or MP3) to 16 kHz mono PCM and pocketsphinx
/// (en-us acoustic model) recognises it, by default against a language model built from the knowledge base's English text.
/// hi-IN is refused with a <see cref="ErrorCategory.Configuration"/> error: there is no offline Hindi recogniser.
/// </summary>
public sealed class PocketSphinxSpeechToText(
    IOptions<OfflineSpeechOptions> options,
    KnowledgeIndexProvider indexes,
    ILogger<PocketSphinxSpeechToText> logger) : ISpeechToText
{
    readonly SemaphoreSlim _modelGate = new(1, 1);
    (string Version, KnowledgeLanguageModel.Files Files)? _model;

    public async Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        if (!language.StartsWith("en", StringComparison.OrdinalIgnoreCase))
        {
            throw new ClassifiedException(ErrorCategory.Configuration,
                $"Offline speech-to-text (pocketsphinx) understands English only; {language} needs Google: set Speech__Provider=google and Google__ApiKey or Google__CredentialsJson.");
        }

        var format = RecordingSniffer.Sniff(audio);
        var o = options.Value;
        var timeout = TimeSpan.FromSeconds(o.ToolTimeoutSeconds);
        var folder = Directory.CreateTempSubdirectory("ivr-stt-");
        try
        {
            var input = Path.Combine(folder.FullName, format.Encoding == RecordingEncoding.Mp3 ? "question.mp3" : "question.wav");
            var decoded = Path.Combine(folder.FullName, "question16k.wav");
            await File.WriteAllBytesAsync(input, audio.Content, cancellationToken);
            var conversion = await ExternalTool.RunAsync(o.FfmpegPath,
                ["-nostdin", "-loglevel", "error", "-y", "-i", input, "-ar", "16000", "-ac", "1", "-sample_fmt", "s16", decoded],
                "ffmpeg", timeout, cancellationToken: cancellationToken);
            if (conversion.ExitCode != 0 || !File.Exists(decoded))
            {
                throw new ClassifiedException(ErrorCategory.AudioFormat, $"ffmpeg could not decode the recording ({conversion.ExitCode}): {conversion.StandardError.Trim()}");
            }

            var (lm, dict, model) = await LanguageModelAsync(cancellationToken);
            var recognised = await ExternalTool.RunAsync(o.PocketSphinxPath,
                ["-infile", decoded, "-hmm", Path.Combine(o.PocketSphinxModelFolder, "en-us"), "-lm", lm, "-dict", dict, "-logfn", "/dev/null"],
                "pocketsphinx", timeout, cancellationToken: cancellationToken);
            if (recognised.ExitCode != 0)
            {
                throw new ClassifiedException(ErrorCategory.ProviderUnavailable, $"pocketsphinx failed ({recognised.ExitCode}).");
            }

            var text = string.Join(' ', recognised.StandardOutput
                .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(line => !line.StartsWith("INFO:", StringComparison.Ordinal) && !line.StartsWith("ERROR:", StringComparison.Ordinal)));
            return new Transcription(text, null, null, ProviderNames.Offline, model);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    async Task<(string Lm, string Dict, string Model)> LanguageModelAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var general = (Path.Combine(o.PocketSphinxModelFolder, "en-us.lm.bin"), Path.Combine(o.PocketSphinxModelFolder, "cmudict-en-us.dict"), "pocketsphinx-en-us");
        if (!o.UseKnowledgeBaseLanguageModel)
        {
            return general;
        }

        var index = await indexes.GetAsync(cancellationToken);
        var texts = index.TextsIn("en").ToList();
        if (texts.Count == 0)
        {
            return general;
        }

        if (_model is { } built && built.Version == index.Version)
        {
            return (built.Files.LanguageModel, built.Files.Dictionary, "pocketsphinx-en-us+kb");
        }

        await _modelGate.WaitAsync(cancellationToken);
        try
        {
            if (_model is not { } current || current.Version != index.Version)
            {
                var folder = Path.Combine(Path.GetTempPath(), "ivr-pocketsphinx", index.Version);
                var files = KnowledgeLanguageModel.Build(texts, general.Item2, folder);
                logger.LogInformation("Offline recogniser vocabulary built from knowledge base {Version}: {Words} words", index.Version, files.Words);
                _model = (index.Version, files);
            }

            return (_model.Value.Files.LanguageModel, _model.Value.Files.Dictionary, "pocketsphinx-en-us+kb");
        }
        finally
        {
            _modelGate.Release();
        }
    }
}
