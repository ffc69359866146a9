using System.Buffers.Binary;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Speech.Audio;

/// <summary>Reads and writes RIFF/WAV: walks the chunks (never assumes a 44-byte header), builds 8 kHz mono 16-bit PCM files,
/// and joins or converts PCM so every answer plays on a telephone line unchanged.</summary>
public static class WavAudio
{
    public const int TelephonySampleRate = 8000;
    public const string ContentType = "audio/wav";

    /// <summary>True when the bytes start like a RIFF/WAVE file.</summary>
    public static bool LooksLikeWav(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 12 && bytes[..4].SequenceEqual("RIFF"u8) && bytes.Slice(8, 4).SequenceEqual("WAVE"u8);

    /// <summary>Parses the header; throws <see cref="ClassifiedException"/> (<see cref="ErrorCategory.AudioFormat"/>) when it is not a WAV we can read.</summary>
    public static WavFormat Parse(ReadOnlySpan<byte> bytes)
    {
        return TryParse(bytes, out var format, out var problem)
            ? format
            : throw new ClassifiedException(ErrorCategory.AudioFormat, $"Not a readable WAV file: {problem}.");
    }

    public static bool TryParse(ReadOnlySpan<byte> bytes, out WavFormat format, out string problem)
    {
        format = null!;
        if (!LooksLikeWav(bytes))
        {
            problem = "no RIFF/WAVE header";
            return false;
        }

        int? tag = null, channels = null, rate = null, bits = null;
        var offset = 12;
        while (offset + 8 <= bytes.Length)
        {
            var id = bytes.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(offset + 4, 4));
            var body = offset + 8;
            if (id.SequenceEqual("fmt "u8) && body + 16 <= bytes.Length)
            {
                tag = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body, 2));
                channels = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 2, 2));
                rate = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(body + 4, 4));
                bits = BinaryPrimitives.ReadUInt16LittleEndian(bytes.Slice(body + 14, 2));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (tag is null)
                {
                    problem = "data chunk before fmt chunk";
                    return false;
                }

                // Streaming writers leave the size at 0 or 0xFFFFFFFF: the data then runs to the end of the file.
                var available = bytes.Length - body;
                var length = size == 0 || size > (uint)available ? available : (int)size;
                format = new WavFormat(tag.Value, channels!.Value, rate!.Value, bits!.Value, body, length);
                problem = "";
                return true;
            }

            offset = body + (int)Math.Min(size + (size & 1), int.MaxValue - body);
        }

        problem = tag is null ? "no fmt chunk" : "no data chunk";
        return false;
    }

    /// <summary>A canonical 44-byte-header WAV around 16-bit little-endian PCM.</summary>
    public static byte[] CreatePcm16(ReadOnlySpan<byte> pcm, int sampleRate = TelephonySampleRate, int channels = 1)
    {
        var wav = new byte[44 + pcm.Length];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + pcm.Length);
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], WavFormat.Pcm);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        "data"u8.CopyTo(span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], pcm.Length);
        pcm.CopyTo(span[44..]);
        return wav;
    }

    /// <summary>Returns 8 kHz mono 16-bit PCM samples from any 16-bit PCM WAV (down-mixed and linearly resampled if needed).</summary>
    public static byte[] ToTelephonyPcm(ReadOnlySpan<byte> wav)
    {
        var format = Parse(wav);
        if (!format.IsPcm16)
        {
            throw new ClassifiedException(ErrorCategory.AudioFormat, $"Expected 16-bit PCM audio; got format {format.FormatTag} with {format.BitsPerSample} bits.");
        }

        var data = wav.Slice(format.DataOffset, format.DataLength - (format.DataLength % (2 * format.Channels)));
        if (format.IsTelephonyPcm)
        {
            return data.ToArray();
        }

        var frames = data.Length / (2 * format.Channels);
        var mono = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            var sum = 0f;
            for (var c = 0; c < format.Channels; c++)
            {
                sum += BinaryPrimitives.ReadInt16LittleEndian(data.Slice((i * format.Channels + c) * 2, 2));
            }

            mono[i] = sum / format.Channels;
        }

        var ratio = format.SampleRate / (double)TelephonySampleRate;
        var outFrames = (int)(frames / ratio);
        var output = new byte[outFrames * 2];
        for (var i = 0; i < outFrames; i++)
        {
            var position = i * ratio;
            var index = (int)position;
            var fraction = (float)(position - index);
            var next = Math.Min(index + 1, frames - 1);
            var sample = mono[index] + ((mono[next] - mono[index]) * fraction);
            BinaryPrimitives.WriteInt16LittleEndian(output.AsSpan(i * 2), (short)Math.Clamp(MathF.Round(sample), short.MinValue, short.MaxValue));
        }

        return output;
    }

    /// <summary>Joins WAV pieces into one 8 kHz mono 16-bit WAV.</summary>
    public static byte[] JoinAsTelephonyWav(IEnumerable<byte[]> pieces)
    {
        using var pcm = new MemoryStream();
        foreach (var piece in pieces)
        {
            pcm.Write(ToTelephonyPcm(piece));
        }

        return CreatePcm16(pcm.GetBuffer().AsSpan(0, (int)pcm.Length));
    }
}
