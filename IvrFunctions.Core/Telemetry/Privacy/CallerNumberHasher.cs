using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry.Privacy;

/// <summary>
/// Replaces a caller number by HMAC-SHA256 under <see cref="TelemetryOptions.CallerHashKey"/>: the same number always
/// hashes the same (repeat callers can be counted), but without the key the hash cannot be reversed by trying every number.
/// Non-digits are dropped before hashing, so "+91 98765 43210" and "+919876543210" hash the same.
/// </summary>
public sealed class CallerNumberHasher
{
    readonly byte[] _key;

    public CallerNumberHasher(IOptions<TelemetryOptions> options)
        : this(options.Value.CallerHashKey ?? throw new InvalidOperationException($"{TelemetryOptions.SectionName}:CallerHashKey is not set."))
    {
    }

    public CallerNumberHasher(string key)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        _key = Encoding.UTF8.GetBytes(key);
    }

    /// <summary>Lower-case hex of the HMAC, or null for a missing number.</summary>
    public string? Hash(string? callerNumber)
    {
        if (string.IsNullOrWhiteSpace(callerNumber))
        {
            return null;
        }

        Span<char> digits = stackalloc char[Math.Min(callerNumber.Length, 64)];
        var length = 0;
        foreach (var c in callerNumber)
        {
            if (char.IsAsciiDigit(c) && length < digits.Length)
            {
                digits[length++] = c;
            }
        }

        var normalised = length > 0 ? digits[..length] : callerNumber.AsSpan().Trim();
        Span<byte> input = stackalloc byte[Encoding.UTF8.GetMaxByteCount(normalised.Length)];
        var written = Encoding.UTF8.GetBytes(normalised, input);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, input[..written], mac);
        return Convert.ToHexStringLower(mac);
    }
}
