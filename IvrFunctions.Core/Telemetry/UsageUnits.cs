namespace IvrFunctions.Core.Telemetry;

/// <summary>What a provider call consumed, in the units its price is quoted in.</summary>
/// <param name="AudioSeconds">Billed audio seconds (Google STT <c>totalBilledTime</c> when present).</param>
/// <param name="Characters">Characters sent to TTS.</param>
/// <param name="VoiceClass">TTS voice class (standard, wavenet, neural2, chirp3-hd, ...), which sets the price.</param>
/// <param name="InputTokens">All input tokens, cached ones included (as providers report them).</param>
/// <param name="CachedInputTokens">The part of <paramref name="InputTokens"/> served from the provider's prompt cache.</param>
public sealed record UsageUnits(
    double? AudioSeconds = null,
    long? Characters = null,
    string? VoiceClass = null,
    long? InputTokens = null,
    long? CachedInputTokens = null,
    long? OutputTokens = null);
