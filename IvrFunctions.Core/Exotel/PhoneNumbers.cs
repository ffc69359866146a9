namespace IvrFunctions.Core.Exotel;

/// <summary>Indian phone numbers as Exotel sends them (<c>0XXXXXXXXXX</c>, <c>+91…</c>, bare ten digits) in E.164, and masked for output.</summary>
public static class PhoneNumbers
{
    /// <summary>E.164 (<c>+919876543210</c>), or null when the value is not a phone number.</summary>
    public static string? Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim().Trim('"');
        var plus = trimmed.StartsWith('+');
        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not ('+' or ' ' or '-' or '(' or ')')))
        {
            return null;
        }

        if (plus)
        {
            return digits.Length is >= 8 and <= 15 ? "+" + digits : null;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal) && digits.Length is >= 10 and <= 17)
        {
            return "+" + digits[2..];
        }

        return digits.Length switch
        {
            10 => "+91" + digits,
            11 when digits[0] == '0' => "+91" + digits[1..],
            12 when digits.StartsWith("91", StringComparison.Ordinal) => "+" + digits,
            // Landlines with STD codes and other shapes: keep the digits, marked as not E.164 by the missing plus.
            >= 6 and <= 15 => digits,
            _ => null,
        };
    }

    /// <summary>Keeps the country code and the last four digits: <c>+91******3210</c>.</summary>
    public static string? Mask(string? number)
    {
        if (string.IsNullOrEmpty(number))
        {
            return null;
        }

        var prefix = number.StartsWith("+91", StringComparison.Ordinal) ? 3 : number.StartsWith('+') ? Math.Min(3, number.Length) : 0;
        var keep = Math.Min(4, Math.Max(0, number.Length - prefix - 2));
        var hidden = number.Length - prefix - keep;
        return number[..prefix] + new string('*', Math.Max(0, hidden)) + number[(number.Length - keep)..];
    }
}
