using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Exotel;
using IvrFunctions.Core.Turns;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.CallFlow;

public sealed class ExotelContractTests
{
    [Theory]
    [InlineData("09876543210", "+919876543210")]
    [InlineData("9876543210", "+919876543210")]
    [InlineData("+919876543210", "+919876543210")]
    [InlineData("919876543210", "+919876543210")]
    [InlineData(" +91 98765-43210 ", "+919876543210")]
    [InlineData("\"09876543210\"", "+919876543210")]
    [InlineData("00919876543210", "+919876543210")]
    [InlineData("08047491899", "+918047491899")]
    [InlineData("", null)]
    [InlineData("anonymous", null)]
    [InlineData("12", null)]
    public void Normalize_IndianNumbers_E164(string raw, string? expected) => Assert.Equal(expected, PhoneNumbers.Normalize(raw));

    [Theory]
    [InlineData("+919876543210", "+91******3210")]
    [InlineData(null, null)]
    public void Mask_KeepsCountryCodeAndLastFour(string? number, string? expected) => Assert.Equal(expected, PhoneNumbers.Mask(number));

    [Theory]
    [InlineData("\"2\"", "hi-IN")]
    [InlineData("\"1\"", "en-IN")]
    [InlineData("1", "en-IN")]
    [InlineData("\"9\"", null)]
    [InlineData("\"\"", null)]
    public void Digits_AreTrimmedOfQuotes_AndChooseTheLanguage(string digits, string? language)
    {
        var parameters = new ExotelParameters([new("digits", digits)]);

        Assert.Equal(language, CallLanguages.FromDigits(parameters.Digits));
    }

    [Fact]
    public void Parameters_AreCaseInsensitive_QueryFirst()
    {
        var parameters = new ExotelParameters([new("callsid", "from-query"), new("CallSid", "from-body"), new("From", "0987")]);

        Assert.Equal("from-query", parameters.CallSid);
        Assert.Equal("0987", parameters.From);
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    [InlineData("CA-test_1234", true)]
    [InlineData("short", false)]
    [InlineData("has space 12345", false)]
    [InlineData("../../etc/passwd", false)]
    [InlineData(null, false)]
    public void CallSid_Validation(string? callSid, bool valid) => Assert.Equal(valid, CallSids.IsValid(callSid));

    [Fact]
    public void TurnId_IsDeterministic_AndCarriesTheCallSid()
    {
        var a = TurnIds.For("0123456789abcdef0123456789abcdef", "https://recordings.exotel.com/1.mp3");

        Assert.Equal(a, TurnIds.For("0123456789abcdef0123456789abcdef", "https://recordings.exotel.com/1.mp3"));
        Assert.NotEqual(a, TurnIds.For("0123456789abcdef0123456789abcdef", "https://recordings.exotel.com/2.mp3"));
        Assert.Equal("0123456789abcdef0123456789abcdef", TurnIds.CallSidOf(a));
        Assert.Null(TurnIds.CallSidOf("nothing-here"));
    }

    [Theory]
    [InlineData("https://recordings.exotel.com/x.mp3", true)]
    [InlineData("https://RECORDINGS.exotel.com./x.mp3", true)]
    [InlineData("http://recordings.exotel.com/x.mp3", false)]
    [InlineData("https://recordings.exotel.com.evil.com/x.mp3", false)]
    [InlineData("https://user:pass@recordings.exotel.com/x.mp3", false)]
    [InlineData("http://127.0.0.1:5000/x.wav", true)]
    [InlineData("http://localhost:5000/x.wav", false)]
    [InlineData("https://10.0.0.1/x.wav", false)]
    public void RecordingUrlPolicy_AllowedHostsOnly(string url, bool allowed)
    {
        var exotel = new ExotelOptions();
        exotel.RecordingHosts.Add("recordings.exotel.com");
        exotel.RecordingHosts.Add("127.0.0.1");

        Assert.Equal(allowed, new RecordingUrlPolicy(Options.Create(exotel)).Check(url, out _) is not null);
    }

    [Fact]
    public void AudioUrls_SignedAndExpiring()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));
        var urls = new AnswerAudioUrls(Options.Create(new AudioOptions { SigningKey = new string('k', 40), UrlValidityMinutes = 15 }), time);
        var turnId = "0123456789abcdef0123456789abcdef-0123456789abcdef";

        var url = new Uri(urls.Create(turnId, "http://host:7071"));
        var parts = url.AbsolutePath.Split('/');

        Assert.Equal(["", "api", "audio", turnId], parts[..4]);
        Assert.True(urls.Verify(turnId, parts[4], parts[5]));
        Assert.False(urls.Verify(turnId + "x", parts[4], parts[5]));
        Assert.False(urls.Verify(turnId, (long.Parse(parts[4], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), parts[5]));
        time.Advance(TimeSpan.FromMinutes(16));
        Assert.False(urls.Verify(turnId, parts[4], parts[5]));
    }

    [Fact]
    public void AudioSniffer_KnowsWavAndMp3_RejectsOthers()
    {
        var wav = Fakes.TestAudio.Wav(2);
        var mp3 = Fakes.TestAudio.Mp3(3);

        Assert.Equal("audio/wav", AudioSniffer.ContentType(wav));
        Assert.Equal(2, AudioSniffer.Duration(wav, "audio/wav")!.Value.TotalSeconds, 2);
        Assert.Equal("audio/mpeg", AudioSniffer.ContentType(mp3));
        Assert.InRange(AudioSniffer.Duration(mp3, "audio/mpeg")!.Value.TotalSeconds, 2.9, 3.2);
        Assert.Null(AudioSniffer.ContentType("<html>"u8));
        Assert.Null(AudioSniffer.ContentType([]));
    }
}
