namespace IvrFunctions.Core.Speech;

/// <summary>
/// Synthesized answer audio stored in Blob storage: 8 kHz mono 16-bit PCM WAV. Several turns may share one blob (the audio
/// cache); the call flow gives each turn its own URL for it.
/// </summary>
public sealed record AnswerAudio(string Container, string BlobName, TimeSpan Duration, string Voice, bool FromCache);
