namespace IvrFunctions.Core.Speech.Audio;

/// <summary>The <c>fmt </c> chunk of a WAV file and where its <c>data</c> chunk lies.</summary>
/// <param name="FormatTag">1 = PCM, 6 = A-law, 7 = mu-law, 0xFFFE = extensible.</param>
public sealed record WavFormat(int FormatTag, int Channels, int SampleRate, int BitsPerSample, int DataOffset, int DataLength)
{
    public const int Pcm = 1;
    public const int ALaw = 6;
    public const int MuLaw = 7;
    public const int Extensible = 0xFFFE;

    public bool IsPcm16 => FormatTag is Pcm or Extensible && BitsPerSample == 16;

    public bool IsTelephonyPcm => IsPcm16 && Channels == 1 && SampleRate == WavAudio.TelephonySampleRate;

    public TimeSpan Duration => SampleRate <= 0 || Channels <= 0 || BitsPerSample <= 0
        ? TimeSpan.Zero
        : TimeSpan.FromSeconds(DataLength / (double)(SampleRate * Channels * (BitsPerSample / 8)));
}
