namespace IvrFunctions.Core.Telemetry;

/// <summary>Keeps failure details short and free of anything that looks like a phone number (runs of 7 or more digits).</summary>
public static class DetailSanitizer
{
    public const int MaxLength = 512;
    const int MinDigitRun = 7;

    public static string? Clean(string? detail)
    {
        if (string.IsNullOrWhiteSpace(detail))
        {
            return null;
        }

        var text = detail.Length > MaxLength ? detail[..MaxLength] : detail;
        var builder = new System.Text.StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                builder.Append(text[i++]);
                continue;
            }

            // A run of digits, allowing the separators people write numbers with.
            var end = i;
            var digits = 0;
            while (end < text.Length && (char.IsAsciiDigit(text[end]) || (text[end] is ' ' or '-' && end + 1 < text.Length && char.IsAsciiDigit(text[end + 1]))))
            {
                digits += char.IsAsciiDigit(text[end]) ? 1 : 0;
                end++;
            }

            if (digits >= MinDigitRun)
            {
                if (builder.Length > 0 && builder[^1] == '+')
                {
                    builder.Length--;
                }

                builder.Append("[number]");
            }
            else
            {
                builder.Append(text, i, end - i);
            }

            i = end;
        }

        return builder.ToString();
    }
}
