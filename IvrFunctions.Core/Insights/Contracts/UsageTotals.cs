namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>Billed units consumed: audio seconds (STT), characters (TTS), tokens (LLM; input includes cached).</summary>
public sealed record UsageTotals(double AudioSeconds, long Characters, long InputTokens, long CachedInputTokens, long OutputTokens)
{
    public static readonly UsageTotals Zero = new(0, 0, 0, 0, 0);

    public UsageTotals Add(UsageTotals other) => new(
        AudioSeconds + other.AudioSeconds,
        Characters + other.Characters,
        InputTokens + other.InputTokens,
        CachedInputTokens + other.CachedInputTokens,
        OutputTokens + other.OutputTokens);
}
