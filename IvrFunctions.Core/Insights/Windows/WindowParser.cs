using System.Globalization;
using IvrFunctions.Core.Insights.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Windows;

/// <summary>
/// Reads a window from <c>window=15m|1h|24h|7d|30d</c> or <c>from</c>/<c>to</c> (ISO 8601; <c>to</c> defaults to now).
/// Anything wrong throws <see cref="InvalidParameterException"/> naming the parameter.
/// </summary>
public sealed class WindowParser(IOptions<InsightsOptions> options, TimeProvider time)
{
    public const string WindowParameter = "window";
    public const string FromParameter = "from";
    public const string ToParameter = "to";
    public const string DefaultPreset = "1h";

    public static readonly IReadOnlyDictionary<string, TimeSpan> Presets = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["15m"] = TimeSpan.FromMinutes(15),
        ["1h"] = TimeSpan.FromHours(1),
        ["24h"] = TimeSpan.FromHours(24),
        ["7d"] = TimeSpan.FromDays(7),
        ["30d"] = TimeSpan.FromDays(30),
    };

    public TimeWindow Parse(string? window, string? from, string? to) =>
        Parse(window, ParseTime(FromParameter, from), ParseTime(ToParameter, to));

    public TimeWindow Parse(string? window, DateTimeOffset? from, DateTimeOffset? to)
    {
        var now = time.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(window))
        {
            if (from is not null || to is not null)
            {
                throw new InvalidParameterException(WindowParameter, "Give either 'window' or 'from'/'to', not both.");
            }

            if (!Presets.TryGetValue(window.Trim(), out var span))
            {
                throw new InvalidParameterException(WindowParameter, $"'window' must be one of {string.Join(", ", Presets.Keys)}; got '{Truncate(window)}'.");
            }

            // The current minute is always inside, even at its first instant, so something recorded "now" is never cut off.
            var end = TimeAlign.Floor(now, TimeSpan.FromMinutes(1)).AddMinutes(1);
            var bucket = TimeWindow.BucketSizeFor(span);

            // Windows shown in hour or day buckets start on a whole hour (up to 59 minutes more than asked), so they read hour
            // rollups only: no minute rows for a partial first hour.
            var start = bucket >= TimeSpan.FromHours(1) ? TimeAlign.Floor(end - span, TimeSpan.FromHours(1)) : end - span;
            return new TimeWindow(start, end, window.Trim(), bucket);
        }

        if (from is null)
        {
            if (to is not null)
            {
                throw new InvalidParameterException(FromParameter, "'from' is required when 'to' is given.");
            }

            return Parse(DefaultPreset, (DateTimeOffset?)null, null);
        }

        var until = to ?? now;
        if (until <= from)
        {
            throw new InvalidParameterException(ToParameter, "'to' must be later than 'from'.");
        }

        var result = TimeWindow.Create(from.Value, until);
        var max = TimeSpan.FromDays(options.Value.MaxWindowDays);
        if (result.Span > max)
        {
            throw new InvalidParameterException(FromParameter, $"The window from 'from' to 'to' is longer than the maximum of {options.Value.MaxWindowDays} days.");
        }

        return result;
    }

    public static DateTimeOffset? ParseTime(string parameter, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }

        throw new InvalidParameterException(parameter, $"'{parameter}' must be an ISO 8601 date and time such as 2026-11-24T10:00:00Z; got '{Truncate(value)}'.");
    }

    static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
