namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>A monthly free allowance (e.g. STT 60 min, TTS standard 4M characters) this calendar month (UTC).</summary>
/// <param name="Tier">Which allowance of the service (e.g. <c>standard</c>, <c>neural2</c> for TTS voice classes).</param>
/// <param name="Unit"><c>seconds</c>, <c>characters</c> or <c>tokens</c>.</param>
/// <param name="UsedFraction">Used / allowance (may exceed 1).</param>
/// <param name="ProjectedExhaustion">When the allowance runs out at this month's average rate; null if it will not this month or is exhausted already.</param>
public sealed record FreeTierStatus(
    string Service,
    string Tier,
    string Unit,
    double Allowance,
    double Used,
    double Remaining,
    double UsedFraction,
    bool Exhausted,
    DateTimeOffset? ProjectedExhaustion);
