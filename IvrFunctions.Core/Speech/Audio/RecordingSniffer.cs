using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Speech.Audio;

/// <summary>Tells WAV (PCM or mu-law) from MP3 by the bytes, not by the content type a server claimed.</summary>
public static class RecordingSniffer
{
    static readonly int[] Mpeg1Rates = [44100, 48000, 32000];
    static readonly int[] Mpeg2Rates = [22050, 24000, 16000];
    static readonly int[] Mpeg25Rates = [11025, 12000, 8000];

    public static RecordingFormat Sniff(RecordedAudio audio)
    {
        var bytes = audio.Content.Span;
        if (bytes.Length == 0)
        {
            throw new ClassifiedException(ErrorCategory.AudioFormat, "The recording is empty.");
        }

        if (WavAudio.LooksLikeWav(bytes))
        {
            var wav = WavAudio.Parse(bytes);
            var payload = audio.Content.Slice(wav.DataOffset, wav.DataLength);
            return wav switch
            {
                { IsPcm16: true } => new RecordingFormat(RecordingEncoding.Linear16, wav.SampleRate, wav.Channels, payload, wav.Duration),
                { FormatTag: WavFormat.MuLaw, BitsPerSample: 8 } => new RecordingFormat(RecordingEncoding.MuLaw, wav.SampleRate, wav.Channels, payload, wav.Duration),
                _ => throw new ClassifiedException(ErrorCategory.AudioFormat,
                    $"Unsupported WAV encoding (format {wav.FormatTag}, {wav.BitsPerSample} bits); expected 16-bit PCM or 8-bit mu-law."),
            };
        }

        if (TryMp3SampleRate(bytes, out var rate, out var channels))
        {
            return new RecordingFormat(RecordingEncoding.Mp3, rate, channels, audio.Content, null);
        }

        if (audio.ContentType.Contains("basic", StringComparison.OrdinalIgnoreCase) || audio.ContentType.Contains("mulaw", StringComparison.OrdinalIgnoreCase))
        {
            return new RecordingFormat(RecordingEncoding.MuLaw, WavAudio.TelephonySampleRate, 1, audio.Content, TimeSpan.FromSeconds(bytes.Length / 8000.0));
        }

        throw new ClassifiedException(ErrorCategory.AudioFormat, $"The recording ({audio.ContentType}, {bytes.Length} bytes) is neither WAV nor MP3.");
    }

    /// <summary>Finds the first MPEG audio frame (after an ID3v2 tag, if any) and reads its sample rate and channel mode.</summary>
    static bool TryMp3SampleRate(ReadOnlySpan<byte> bytes, out int sampleRate, out int channels)
    {
        sampleRate = 0;
        channels = 0;
        var offset = 0;
        if (bytes.Length >= 10 && bytes[..3].SequenceEqual("ID3"u8))
        {
            offset = 10 + ((bytes[6] & 0x7F) << 21 | (bytes[7] & 0x7F) << 14 | (bytes[8] & 0x7F) << 7 | (bytes[9] & 0x7F));
        }

        var limit = Math.Min(bytes.Length - 4, offset + 4096);
        for (var i = offset; i <= limit && i >= 0; i++)
        {
            if (bytes[i] != 0xFF || (bytes[i + 1] & 0xE0) != 0xE0)
            {
                continue;
            }

            var version = (bytes[i + 1] >> 3) & 0x3;   // 0 = MPEG 2.5, 2 = MPEG 2, 3 = MPEG 1
            var layer = (bytes[i + 1] >> 1) & 0x3;     // 1 = Layer III
            var rateIndex = (bytes[i + 2] >> 2) & 0x3;
            var bitrateIndex = bytes[i + 2] >> 4;
            if (version == 1 || layer != 1 || rateIndex == 3 || bitrateIndex is 0 or 15)
            {
                continue;
            }

            sampleRate = (version switch { 3 => Mpeg1Rates, 2 => Mpeg2Rates, _ => Mpeg25Rates })[rateIndex];
            channels = (bytes[i + 3] >> 6) == 3 ? 1 : 2;
            return true;
        }

        return false;
    }
}
