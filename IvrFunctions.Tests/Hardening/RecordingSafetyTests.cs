using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.CallFlow;
using IvrFunctions.Tests.CallFlow.Fakes;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// The bad-recording corpus: SSRF attempts in RecordingUrl (refused before any request), redirects to internal
/// addresses (not followed), and bytes that are not usable audio (the turn fails fast, the caller is asked again).
/// </summary>
public sealed class RecordingSafetyTests : IAsyncLifetime
{
    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() =>
        _harness = await CallFlowHarness.StartAsync("--Turns:MaxRecordingBytes=1048576", "--Turns:MaxRecordingSeconds=60");

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    string Port => _harness.Recordings.Port.ToString(CultureInfo.InvariantCulture);

    string Expand(string template, string callSid) =>
        template.Replace("{port}", Port, StringComparison.Ordinal).Replace("{sid}", callSid, StringComparison.Ordinal);

    public static TheoryData<string> RefusedUrls() =>
    [
        "https://evil.example.com/rec/{sid}.wav",
        "https://recordings.exotel.com.evil.example/rec/{sid}.wav",
        "http://127.0.0.1.nip.io:{port}/rec/{sid}.wav",
        "http://localhost:{port}/rec/{sid}.wav",
        "https://recordings.exotel.com@127.0.0.1:{port}/rec/{sid}.wav",
        "http://exo-key:exo-token@127.0.0.1:{port}/rec/{sid}.wav",
        "http://2130706433:{port}/rec/{sid}.wav",
        "http://0x7f000001:{port}/rec/{sid}.wav",
        "http://0x7f.0.0.1:{port}/rec/{sid}.wav",
        "http://0177.0.0.1:{port}/rec/{sid}.wav",
        "http://127.1:{port}/rec/{sid}.wav",
        "http://%31%32%37.0.0.1:{port}/rec/{sid}.wav",
        "http://[::1]:{port}/rec/{sid}.wav",
        "http://[::ffff:127.0.0.1]:{port}/rec/{sid}.wav",
        "http://[0:0:0:0:0:0:0:1]:{port}/rec/{sid}.wav",
        "http://169.254.169.254/latest/meta-data/{sid}",
        "http://10.0.0.1/rec/{sid}.wav",
        "http://recordings.exotel.com/rec/{sid}.wav",
        "file:///etc/passwd?{sid}",
        "file://127.0.0.1/rec/{sid}.wav",
        "ftp://127.0.0.1:{port}/rec/{sid}.wav",
        "gopher://127.0.0.1:{port}/_{sid}",
        "data:audio/wav;base64,UklGRiQAAABXQVZF{sid}",
        "javascript:fetch('http://127.0.0.1:{port}/rec/{sid}.wav')",
        "//127.0.0.1:{port}/rec/{sid}.wav",
        "/rec/{sid}.wav",
        "http:/127.0.0.1:{port}/rec/{sid}.wav",
    ];

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task Question_RecordingUrlAttack_Refused302_NeverFetched(string template)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var url = Expand(template, callSid);

        var response = await _harness.GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = url });

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(0, await _harness.Turns.CountAsync(callSid, CancellationToken.None));
        Assert.Contains(_harness.Telemetry.Errors, e => e.Category == ErrorCategory.WebhookInput && e.Context.CallSid == callSid);
        // The flow then plays "please ask again": answer-ready lets it through, the answer asks again.
        Assert.Equal(HttpStatusCode.OK, (await _harness.GetAsync("exotel/answer-ready", new Dictionary<string, string?> { ["CallSid"] = callSid })).StatusCode);
        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), await _harness.AnswerAsync(callSid));
        await Task.Delay(100);
        Assert.Equal(0, _harness.Recordings.RequestsFor(callSid));
    }

    public static TheoryData<string> RedirectTargets() =>
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://2130706433:{port}/rec/{sid}-x.wav",
        "http://[::1]:{port}/rec/{sid}-x.wav",
        "http://localhost:{port}/rec/{sid}-x.wav",
        "http://recordings.exotel.com@127.0.0.1:{port}/rec/{sid}-x.wav",
        "file:///etc/passwd",
        "gopher://127.0.0.1:{port}/_{sid}-x",
    ];

    [Theory]
    [MemberData(nameof(RedirectTargets))]
    public async Task Recording_RedirectToInternalAddress_NotFollowed_CallerAskedAgain(string target)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var url = _harness.Recordings.Url($"redirect-to/{callSid}?to={Uri.EscapeDataString(Expand(target, callSid))}");

        var turnId = await _harness.AskAsync(callSid, url);

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), await _harness.AnswerAsync(callSid));
        Assert.Equal("webhook_input", (await _harness.TurnJsonAsync(turnId)).GetProperty("errorCategory").GetString());
        Assert.Equal(1, _harness.Recordings.RequestsFor(callSid)); // the redirect itself, nothing after it
        Assert.Equal(0, _harness.Recordings.RequestsFor($"{callSid}-x"));
        Assert.Single(_harness.Telemetry.StagesOf(turnId, StageNames.Stt));
    }

    public static TheoryData<string, string?> Recordings() => new()
    {
        { "empty", "audio_format" },
        { "text", "audio_format" },
        { "png", "audio_format" },
        { "riff-only", "audio_format" },
        { "wav-cut-in-fmt", "audio_format" },
        { "wav-header-only", "audio_format" },
        { "wav-no-data-chunk", "audio_format" },
        { "wav-zero-byte-rate", "audio_format" },
        { "wav-huge-chunk-size", "audio_format" },
        { "id3-only", "audio_format" },
        { "mp3-garbage-after-id3", "audio_format" },
        { "wav-claims-an-hour-holds-1s", null },
        { "wav-truncated-mid-data", null },
        { "mp3-truncated-mid-frame", null },
        { "wav-3-minutes", "audio_too_long" },
    };

    [Theory]
    [MemberData(nameof(Recordings))]
    public async Task Recording_BadAudio_FailsCleanly(string kind, string? category)
    {
        var callSid = CallFlowHarness.NewCallSid();
        var name = $"{callSid}-{kind}";
        _harness.Recordings.Files[name] = Audio(kind);

        var turnId = await _harness.AskAsync(callSid, _harness.Recordings.Url($"files/{name}"));

        var body = await _harness.AnswerAsync(callSid);
        var turn = await _harness.TurnJsonAsync(turnId);
        if (category is null)
        {
            // What arrived is audio: the part that arrived is transcribed and answered.
            Assert.StartsWith("http", body, StringComparison.Ordinal);
            Assert.True(!turn.TryGetProperty("errorCategory", out var error) || error.ValueKind == System.Text.Json.JsonValueKind.Null, kind);
        }
        else
        {
            Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), body);
            Assert.Equal(category, turn.GetProperty("errorCategory").GetString());
            Assert.Equal(1, WholeCallTests.Stage(turn, "stt").GetProperty("attempts").GetInt32());
            Assert.DoesNotContain(_harness.Telemetry.Errors, e => e.Context.TurnId == turnId && e.Category == ErrorCategory.Internal);
        }
    }

    [Fact]
    public async Task Recording_AnHourTrickledSlowly_StoppedAtTheByteLimit()
    {
        var callSid = CallFlowHarness.NewCallSid();

        var turnId = await _harness.AskAsync(callSid, _harness.Recordings.Url($"slow-hour/{callSid}.wav"));

        Assert.Equal(TurnPrompts.CouldNotHear("en-IN"), await _harness.AnswerAsync(callSid));
        Assert.Equal("audio_too_long", (await _harness.TurnJsonAsync(turnId)).GetProperty("errorCategory").GetString());
        Assert.Equal(1, _harness.Recordings.RequestsFor(callSid));
    }

    static byte[] Audio(string kind)
    {
        var wav = TestAudio.Wav(1);
        return kind switch
        {
            "empty" => [],
            "text" => "this is not audio, it is a sentence"u8.ToArray(),
            "png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52],
            "riff-only" => "RIFF\0\0\0\0WAVE"u8.ToArray(),
            "wav-cut-in-fmt" => wav[..30],
            "wav-header-only" => TestAudio.Wav(0),
            "wav-no-data-chunk" => wav[..36],
            "wav-zero-byte-rate" => With(wav, 28, 0),
            "wav-huge-chunk-size" => With(wav[..44], 16, unchecked((int)0xFFFFFFF0)),
            "id3-only" => [.. "ID3"u8, 3, 0, 0, 0, 0, 0x7F],
            "mp3-garbage-after-id3" => [.. "ID3"u8, 3, 0, 0, 0, 0, 0, .. "garbage, no frames at all"u8],
            "wav-claims-an-hour-holds-1s" => With(wav, 40, 3600 * 16000),
            "wav-truncated-mid-data" => wav[..(wav.Length / 2)],
            "mp3-truncated-mid-frame" => TestAudio.Mp3(1)[..200],
            "wav-3-minutes" => TestAudio.Wav(180)[..^2],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    static byte[] With(byte[] bytes, int offset, int value)
    {
        var copy = bytes.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(copy.AsSpan(offset), value);
        return copy;
    }
}
