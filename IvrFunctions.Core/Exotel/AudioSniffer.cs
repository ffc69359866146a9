using System.Buffers.Binary;

namespace IvrFunctions.Core.Exotel;

/// <summary>Recognises the audio formats Exotel records (WAV, MP3; also OGG and FLAC) from their bytes, and estimates duration.</summary>
public static class AudioSniffer
{
    static readonly int[] Mpeg1Layer3Kbps = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0];
    static readonly int[] Mpeg2Layer3Kbps = [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0];

    /// <summary>The content type (<c>audio/wav</c>, <c>audio/mpeg</c>, ...) or null when the bytes are not audio we know.</summary>
    public static string? ContentType(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WAVE"u8))
        {
            return "audio/wav";
        }

        if (data.Length >= 3 && data[..3].SequenceEqual("ID3"u8))
        {
            return "audio/mpeg";
        }

        if (data.Length >= 4 && data[0] == 0xFF && (data[1] & 0xE0) == 0xE0 && Mp3FrameBitrate(data) > 0)
        {
            return "audio/mpeg";
        }

        if (data.Length >= 4 && data[..4].SequenceEqual("OggS"u8))
        {
            return "audio/ogg";
        }

        return data.Length >= 4 && data[..4].SequenceEqual("fLaC"u8) ? "audio/flac" : null;
    }

    /// <summary>The playing time when it can be read from the header (WAV) or estimated from the bitrate (MP3).</summary>
    public static TimeSpan? Duration(ReadOnlySpan<byte> data, string contentType) => contentType switch
    {
        "audio/wav" => WavDuration(data),
        "audio/mpeg" => Mp3Duration(data),
        _ => null,
    };

    static TimeSpan? WavDuration(ReadOnlySpan<byte> data)
    {
        var offset = 12;
        uint byteRate = 0;
        while (offset + 8 <= data.Length)
        {
            var id = data.Slice(offset, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 4, 4));
            if (id.SequenceEqual("fmt "u8) && offset + 20 <= data.Length)
            {
                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset + 16, 4));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (byteRate == 0)
                {
                    return null;
                }

                // Streaming writers leave the size at 0 or 0xFFFFFFFF: use what actually arrived.
                var available = (long)data.Length - offset - 8;
                var dataBytes = size == 0 || size > available ? available : size;
                return TimeSpan.FromSeconds((double)dataBytes / byteRate);
            }

            // In long arithmetic: a chunk size near 4 GB must end the walk, not wrap the offset around.
            var next = (long)offset + 8 + size + (size & 1);
            if (next > data.Length)
            {
                break;
            }

            offset = (int)next;
        }

        return null;
    }

    static TimeSpan? Mp3Duration(ReadOnlySpan<byte> data)
    {
        var offset = 0;
        if (data.Length >= 10 && data[..3].SequenceEqual("ID3"u8))
        {
            // Synchsafe tag size: 4 × 7 bits.
            offset = 10 + ((data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F));
        }

        for (var i = offset; i + 4 <= data.Length && i < offset + 8192; i++)
        {
            if (data[i] == 0xFF && (data[i + 1] & 0xE0) == 0xE0 && Mp3FrameBitrate(data[i..]) is var kbps and > 0)
            {
                return TimeSpan.FromSeconds((data.Length - i) * 8.0 / (kbps * 1000.0));
            }
        }

        return null;
    }

    static int Mp3FrameBitrate(ReadOnlySpan<byte> header)
    {
        var version = (header[1] >> 3) & 0x03; // 3 = MPEG1, 2 = MPEG2, 0 = MPEG2.5
        var layer = (header[1] >> 1) & 0x03;   // 1 = Layer III
        var index = (header[2] >> 4) & 0x0F;
        if (version == 1 || layer != 1)
        {
            return 0;
        }

        return version == 3 ? Mpeg1Layer3Kbps[index] : Mpeg2Layer3Kbps[index];
    }
}
