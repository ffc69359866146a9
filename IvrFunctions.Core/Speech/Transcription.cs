namespace IvrFunctions.Core.Speech;

/// <summary>What a speech-to-text provider heard. An empty <paramref name="Text"/> means nothing intelligible was said.</summary>
public sealed record Transcription(string Text, double? Confidence, TimeSpan? BilledDuration, string Provider, string? Model);
