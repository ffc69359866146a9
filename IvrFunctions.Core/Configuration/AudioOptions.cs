namespace IvrFunctions.Core.Configuration;

/// <summary>The signed, credential-free URLs Exotel fetches answer audio from (section <c>Audio</c>).</summary>
public sealed class AudioOptions
{
    public const string SectionName = "Audio";

    public const int MinimumKeyLength = 32;

    /// <summary>HMAC key signing <c>/api/audio/...</c> URLs (at least 32 characters). Empty is allowed only with emulator (Azurite)
    /// storage, where a random key per process is used.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How long an answer's audio URL stays valid. The default value is <c>15</c>.</summary>
    public double UrlValidityMinutes { get; set; } = 15;

    /// <summary>Public base address for audio URLs (e.g. behind a proxy). Empty: the scheme and host of the Greeting request.</summary>
    public Uri? PublicBaseUrl { get; set; }
}
