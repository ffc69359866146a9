namespace IvrFunctions.Core.Insights.Aggregation;

/// <summary>
/// Hides caller numbers in everything the API returns: a phone number keeps its country code (after a '+') and its last
/// four digits (<c>+91******3210</c>); a stored keyed hash shows only its first 8 characters (<c>hash:1a2b3c4d</c>).
/// </summary>
public static class CallerMask
{
    public static string? Mask(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.StartsWith("hash:", StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[5..];
            return "hash:" + trimmed[..Math.Min(8, trimmed.Length)];
        }

        var digits = new string([.. trimmed.Where(char.IsAsciiDigit)]);
        var looksLikeNumber = digits.Length >= 5 && trimmed.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')' or '.');
        if (!looksLikeNumber)
        {
            // Hex or base64 hashes: a short prefix identifies repeat callers without revealing anything.
            var token = new string([.. trimmed.Where(char.IsAsciiLetterOrDigit)]);
            return token.Length >= 8 ? "hash:" + token[..8].ToLowerInvariant() : "***";
        }

        var international = trimmed.StartsWith('+') && digits.Length >= 10;
        var keepStart = international ? 2 : 0;
        return (international ? "+" : string.Empty) + digits[..keepStart] + new string('*', digits.Length - keepStart - 4) + digits[^4..];
    }
}
