using IvrFunctions.Core.Telemetry.Rollups;
using IvrFunctions.Core.Telemetry.Storage;

namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>
/// Month-to-date usage against each monthly free allowance (STT minutes, TTS characters per voice class), from the hour
/// rollups of dimension <see cref="RollupDimensions.Sku"/>: at most ~744 hours × SKUs rows, whatever the call volume.
/// </summary>
public sealed class FreeTierService(TelemetryReader reader, PriceTable prices, TimeProvider time)
{
    public async Task<IReadOnlyList<FreeTierStatus>> GetStatusAsync(DateTimeOffset? asOf = null, CancellationToken cancellationToken = default)
    {
        var now = asOf ?? time.GetUtcNow();
        var monthStart = TimeBuckets.StartOfMonth(now);
        var rows = await reader.ReadRollupsAsync(monthStart, now, RollupGranularity.Hour, RollupDimensions.Sku, cancellationToken);
        return Compute(prices, rows, monthStart, now).ToList();

        static IEnumerable<FreeTierStatus> Compute(PriceTable prices, IReadOnlyList<RollupBucket> rows, DateTimeOffset monthStart, DateTimeOffset now)
        {
            var monthEnd = monthStart.AddMonths(1);
            var tiers = prices.Rows
                .Where(r => r.FreeUnitsPerMonth > 0 && r.InForce(now))
                .GroupBy(r => r.FreeTierKey, StringComparer.OrdinalIgnoreCase);
            foreach (var tier in tiers)
            {
                var first = tier.First();
                var skuKeys = tier.Select(r => $"{r.Service}:{r.Sku}").Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var keySet = new HashSet<string>(skuKeys, StringComparer.OrdinalIgnoreCase);
                double used = 0;
                double gross = 0;
                DateTimeOffset? exhaustedAt = null;
                foreach (var row in rows.Where(r => keySet.Contains(r.Key)).OrderBy(r => r.BucketStart))
                {
                    used += first.Unit == PriceUnit.Minute ? row.Values.AudioSeconds / 60.0 : row.Values.Characters;
                    gross += row.Values.CostUsd;
                    if (exhaustedAt is null && used >= first.FreeUnitsPerMonth)
                    {
                        exhaustedAt = row.BucketEnd;
                    }
                }

                var free = first.FreeUnitsPerMonth;
                var remaining = Math.Max(0, free - used);
                var net = Math.Max(0, gross - (Math.Min(used, free) * first.PricePerUnitUsd));
                DateTimeOffset? projected = null;
                var elapsed = (now - monthStart).TotalSeconds;
                if (exhaustedAt is null && used > 0 && elapsed > 0)
                {
                    var at = now + TimeSpan.FromSeconds(remaining / (used / elapsed));
                    projected = at < monthEnd ? at : null;
                }

                yield return new FreeTierStatus(tier.Key, first.Service, skuKeys, first.Unit, free, used, remaining, gross, net,
                    monthStart, now, exhaustedAt, projected);
            }
        }
    }
}
