using System.Buffers.Binary;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>Small audio files made on the fly: 8 kHz mono 16-bit PCM WAV, and an MP3-shaped byte stream.</summary>
public static class TestAudio
{
    public static byte[] Wav(double seconds, int sampleRate = 8000)
    {
        var samples = (int)(seconds * sampleRate);
        var data = samples * 2;
        var bytes = new byte[44 + data];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + data);
        "WAVE"u8.CopyTo(bytes.AsSpan(8));
        "fmt "u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), data);
        for (var i = 0; i < samples; i++)
        {
            var value = (short)(3000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (i * 2)), value);
        }

        return bytes;
    }

    /// <summary>An ID3 tag followed by MPEG-1 Layer III frames at 128 kbit/s (headers only; enough to sniff and time).</summary>
    public static byte[] Mp3(double seconds)
    {
        var frameBytes = 417;
        var frames = (int)Math.Ceiling(seconds * 128_000 / 8 / frameBytes);
        var bytes = new byte[10 + (frames * frameBytes)];
        "ID3"u8.CopyTo(bytes);
        bytes[3] = 3;
        for (var f = 0; f < frames; f++)
        {
            var at = 10 + (f * frameBytes);
            bytes[at] = 0xFF;
            bytes[at + 1] = 0xFB;
            bytes[at + 2] = 0x90;
            bytes[at + 3] = 0x64;
        }

        return bytes;
    }
}
