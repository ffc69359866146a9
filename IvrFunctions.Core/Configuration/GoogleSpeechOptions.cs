namespace IvrFunctions.Core.Configuration;

/// <summary>Google Speech-to-Text and Text-to-Speech tuning (section <c>GoogleSpeech</c>); auth and endpoints are in <see cref="GoogleOptions"/>.</summary>
public sealed class GoogleSpeechOptions
{
    public const string SectionName = "GoogleSpeech";

    /// <summary>Recognition model for en-IN. The default value is <c>telephony</c>.</summary>
    public string EnglishSttModel { get; set; } = "telephony";

    /// <summary>Recognition model for hi-IN. The default value is <c>default</c> (model availability per language varies; check Google's table).</summary>
    public string HindiSttModel { get; set; } = "default";

    /// <summary>The default value is <c>true</c>.</summary>
    public bool EnableAutomaticPunctuation { get; set; } = true;

    /// <summary>Voice for en-IN answers. The default value is <c>en-IN-Wavenet-A</c>.</summary>
    public string EnglishVoice { get; set; } = "en-IN-Wavenet-A";

    /// <summary>Voice for hi-IN answers. The default value is <c>hi-IN-Wavenet-A</c>.</summary>
    public string HindiVoice { get; set; } = "hi-IN-Wavenet-A";

    /// <summary>0.25 to 2.0. The default value is <c>1.0</c>.</summary>
    public double SpeakingRate { get; set; } = 1.0;

    /// <summary>Largest UTF-8 input per synthesize request (Google's hard limit is 5,000 bytes). The default value is <c>4800</c>.</summary>
    public int MaxTtsInputBytes { get; set; } = 4800;

    /// <summary>Longest recording sent to synchronous recognize (Google's limit is 60 s). The default value is <c>60</c>.</summary>
    public int MaxRecordingSeconds { get; set; } = 60;

    public string VoiceFor(string language) => IsHindi(language) ? HindiVoice : EnglishVoice;

    public string SttModelFor(string language) => IsHindi(language) ? HindiSttModel : EnglishSttModel;

    static bool IsHindi(string language) => language.StartsWith("hi", StringComparison.OrdinalIgnoreCase);
}
