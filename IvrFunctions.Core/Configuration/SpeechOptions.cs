namespace IvrFunctions.Core.Configuration;

/// <summary>Speech provider selection (section <c>Speech</c>).</summary>
public sealed class SpeechOptions
{
    public const string SectionName = "Speech";

    /// <summary><c>google</c> or <c>offline</c>. Empty: <c>google</c> when Google credentials are configured, else <c>offline</c>.</summary>
    public string? Provider { get; set; }
}
