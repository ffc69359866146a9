namespace IvrFunctions.Core.Exotel;

/// <summary>The caller's language, chosen in the language menu: 1 English (<c>en-IN</c>), 2 Hindi (<c>hi-IN</c>).</summary>
public static class CallLanguages
{
    public const string English = "en-IN";
    public const string Hindi = "hi-IN";

    /// <summary>The language the digits choose, or null when they choose none.</summary>
    public static string? FromDigits(string? digits) => digits switch
    {
        "1" => English,
        "2" => Hindi,
        _ => null,
    };

    public static string Normalize(string? language, string fallback) =>
        language?.Trim().ToLowerInvariant() switch
        {
            "en-in" or "en" or "english" => English,
            "hi-in" or "hi" or "hindi" => Hindi,
            _ => fallback,
        };
}
