using System.Globalization;

namespace IvrFunctions.Core.Providers;

/// <summary>Reads the wait a server asked for: <c>retry-after-ms</c> / <c>x-ms-retry-after-ms</c> (milliseconds, OpenAI and
/// Azure) or <c>Retry-After</c> (seconds or an HTTP date).</summary>
public static class RetryAfterHeader
{
    public static TimeSpan? Read(Func<string, string?> header, TimeProvider time)
    {
        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (double.TryParse(header(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms >= 0)
            {
                return TimeSpan.FromMilliseconds(ms);
            }
        }

        var value = header("Retry-After");
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero
            : null;
    }
}
