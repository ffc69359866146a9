namespace IvrFunctions.Core.Telemetry.Costs;

/// <summary>What a price row charges for.</summary>
public enum PriceUnit
{
    /// <summary>A minute of billed audio (Google STT).</summary>
    Minute = 1,

    /// <summary>A billed character (Google TTS).</summary>
    Character,

    /// <summary>An input token not served from the prompt cache.</summary>
    InputToken,

    /// <summary>An input token served from the prompt cache (priced separately, never also as <see cref="InputToken"/>).</summary>
    CachedInputToken,

    OutputToken,
}
