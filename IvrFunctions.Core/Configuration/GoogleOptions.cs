namespace IvrFunctions.Core.Configuration;

/// <summary>Google Cloud speech settings (section <c>Google</c>).</summary>
public sealed class GoogleOptions
{
    public const string SectionName = "Google";

    public string? ApiKey { get; set; }

    /// <summary>A service-account key file's JSON content.</summary>
    public string? CredentialsJson { get; set; }

    /// <summary>The default value is <c>https://speech.googleapis.com</c>.</summary>
    public Uri SpeechEndpoint { get; set; } = new("https://speech.googleapis.com");

    /// <summary>The default value is <c>https://texttospeech.googleapis.com</c>.</summary>
    public Uri TextToSpeechEndpoint { get; set; } = new("https://texttospeech.googleapis.com");

    public bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKey) || !string.IsNullOrWhiteSpace(CredentialsJson);
}
