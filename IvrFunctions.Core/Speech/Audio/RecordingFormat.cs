namespace IvrFunctions.Core.Speech.Audio;

/// <summary>A sniffed recording: the encoding, its rate, and the bytes to send (WAV data without its header).</summary>
public sealed record RecordingFormat(RecordingEncoding Encoding, int SampleRate, int Channels, ReadOnlyMemory<byte> Payload, TimeSpan? Duration);
