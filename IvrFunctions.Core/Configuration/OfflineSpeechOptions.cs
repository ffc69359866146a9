namespace IvrFunctions.Core.Configuration;

/// <summary>Offline speech tools (section <c>OfflineSpeech</c>): espeak-ng + sox for TTS, ffmpeg + pocketsphinx for STT.</summary>
public sealed class OfflineSpeechOptions
{
    public const string SectionName = "OfflineSpeech";

    /// <summary>The default value is <c>espeak-ng</c> (apt package espeak-ng).</summary>
    public string EspeakPath { get; set; } = "espeak-ng";

    /// <summary>The default value is <c>sox</c> (apt package sox).</summary>
    public string SoxPath { get; set; } = "sox";

    /// <summary>The default value is <c>ffmpeg</c> (apt package ffmpeg).</summary>
    public string FfmpegPath { get; set; } = "ffmpeg";

    /// <summary>The default value is <c>pocketsphinx_continuous</c> (apt package pocketsphinx).</summary>
    public string PocketSphinxPath { get; set; } = "pocketsphinx_continuous";

    /// <summary>Folder holding <c>en-us/</c>, <c>en-us.lm.bin</c> and <c>cmudict-en-us.dict</c> (apt package pocketsphinx-en-us).
    /// The default value is <c>/usr/share/pocketsphinx/model/en-us</c>.</summary>
    public string PocketSphinxModelFolder { get; set; } = "/usr/share/pocketsphinx/model/en-us";

    /// <summary>Recognise with a small language model built from the knowledge base (far better on helpline questions than the
    /// general model). The default value is <c>true</c>.</summary>
    public bool UseKnowledgeBaseLanguageModel { get; set; } = true;

    /// <summary>espeak-ng voice for en-IN. The default value is <c>en-us</c>.</summary>
    public string EnglishVoice { get; set; } = "en-us";

    /// <summary>espeak-ng voice for hi-IN. The default value is <c>hi</c>.</summary>
    public string HindiVoice { get; set; } = "hi";

    /// <summary>Words per minute. The default value is <c>150</c>.</summary>
    public int WordsPerMinute { get; set; } = 150;

    /// <summary>Bound on one tool run. The default value is <c>30</c>.</summary>
    public int ToolTimeoutSeconds { get; set; } = 30;

    public string VoiceFor(string language) => language.StartsWith("hi", StringComparison.OrdinalIgnoreCase) ? HindiVoice : EnglishVoice;
}
