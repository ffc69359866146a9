using System.Globalization;

namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// Billed STT seconds for <see cref="UsageUnits.AudioSeconds"/>: Google's <c>totalBilledTime</c> when the response has it,
/// else the conservative estimate <c>ceil(audioSeconds / 15) * 15</c> (see shared/reference/prices.md §1).
/// </summary>
public static class SttBilling
{
    public const double FallbackIncrementSeconds = 15;

    public static double BilledSeconds(TimeSpan? totalBilledTime, double audioSeconds) =>
        totalBilledTime is { } billed
            ? billed.TotalSeconds
            : Math.Ceiling(Math.Max(0, audioSeconds) / FallbackIncrementSeconds) * FallbackIncrementSeconds;

    /// <summary>Parses a protobuf JSON duration such as <c>"15s"</c> or <c>"4.500s"</c>; null when absent or malformed.</summary>
    public static TimeSpan? ParseDuration(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || !value.EndsWith('s'))
        {
            return null;
        }

        return double.TryParse(value.AsSpan(0, value.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
