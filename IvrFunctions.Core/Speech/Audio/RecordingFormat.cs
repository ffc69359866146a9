namespace IvrFunctions.Core.Speech.Audio;

/// <summary>What a recording's bytes are, as far as speech-to-text needs to know.</summary>
public enum RecordingEncoding
{
    Linear16 = 1,
    MuLaw,
    Mp3,
}

/// <summary>A sniffed recording: the encoding, its rate, and the bytes to send (WAV data without its header).</summary>
public sealed record RecordingFormat(RecordingEncoding Encoding, int SampleRate, int Channels, ReadOnlyMemory<byte> Payload, TimeSpan? Duration);
