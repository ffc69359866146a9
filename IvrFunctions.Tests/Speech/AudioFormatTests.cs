using System.Buffers.Binary;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Tests.Fakes;

namespace IvrFunctions.Tests.Speech;

public sealed class AudioFormatTests
{
    [Fact]
    public void Parse_WavWithListChunk_FindsDataAfterIt()
    {
        var wav = FakeGoogleServer.ToneWav(800);

        var format = WavAudio.Parse(wav);

        Assert.Equal((1, 1, 8000, 16, 800 * 2), (format.FormatTag, format.Channels, format.SampleRate, format.BitsPerSample, format.DataLength));
        Assert.True(format.DataOffset > 44);
        Assert.Equal(TimeSpan.FromMilliseconds(100), format.Duration);
    }

    [Fact]
    public void JoinAsTelephonyWav_ConcatenatesPcmUnderOneCanonicalHeader()
    {
        var joined = WavAudio.JoinAsTelephonyWav([FakeGoogleServer.ToneWav(800), FakeGoogleServer.ToneWav(1600)]);

        var format = WavAudio.Parse(joined);
        Assert.Equal((44, 4800, 36 + 4800), (format.DataOffset, format.DataLength, BinaryPrimitives.ReadInt32LittleEndian(joined.AsSpan(4))));
        Assert.True(format.IsTelephonyPcm);
    }

    [Fact]
    public void ToTelephonyPcm_Stereo16k_IsDownmixedAndResampledTo8k()
    {
        var stereo = new byte[16000 * 2 * 2]; // 1 s, 16 kHz, 2 channels
        var wav = WavAudio.CreatePcm16(stereo, 16000, 2);

        var pcm = WavAudio.ToTelephonyPcm(wav);

        Assert.Equal(8000 * 2, pcm.Length);
    }

    [Fact]
    public void Parse_Garbage_IsAudioFormatError()
    {
        var error = Assert.Throws<ClassifiedException>(() => WavAudio.Parse("RIFF1234WAVEjunk"u8.ToArray()));

        Assert.Equal(ErrorCategory.AudioFormat, error.Category);
    }

    [Fact]
    public async Task Sniff_RecognisesPcmMuLawAndMp3ByTheirBytes()
    {
        var pcm = RecordingSniffer.Sniff(new RecordedAudio(TestAudio.Pcm8kWav(), "application/octet-stream"));
        var mulaw = RecordingSniffer.Sniff(new RecordedAudio(await TestAudio.MuLawWavAsync(), "audio/wav"));
        var mp3 = RecordingSniffer.Sniff(new RecordedAudio(await TestAudio.Mp3Async(), "audio/wav"));

        Assert.Equal((RecordingEncoding.Linear16, 8000, 1), (pcm.Encoding, pcm.SampleRate, pcm.Channels));
        Assert.Equal((RecordingEncoding.MuLaw, 8000, 8000), (mulaw.Encoding, mulaw.SampleRate, mulaw.Payload.Length));
        Assert.Equal((RecordingEncoding.Mp3, 8000, 1), (mp3.Encoding, mp3.SampleRate, mp3.Channels));
    }
}
