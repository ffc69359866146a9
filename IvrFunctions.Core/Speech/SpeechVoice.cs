namespace IvrFunctions.Core.Speech;

/// <summary>A TTS voice: its provider name and the price class it bills at (standard, wavenet, neural2, ...).</summary>
public sealed record SpeechVoice(string Name, string VoiceClass);
