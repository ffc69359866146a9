namespace IvrFunctions.Core.Speech.Audio;

/// <summary>What a recording's bytes are, as far as speech-to-text needs to know.</summary>
public enum RecordingEncoding
{
    Linear16 = 1,
    MuLaw,
    Mp3,
}
