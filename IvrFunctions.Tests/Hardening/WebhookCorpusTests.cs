using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IvrFunctions.Tests.CallFlow.Fakes;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Hardening;

/// <summary>
/// The bad-input corpus for the webhooks: malformed and invalid-UTF-8 query strings, huge parameters and parameter
/// counts, wrong or lying content types, raw bytes in bodies. Passthru routes answer only 200 or 302, the Greeting route
/// 200 text/plain, and the host still walks a normal call afterwards.
/// </summary>
public sealed class WebhookCorpusTests : IAsyncLifetime
{
    const string Sid = "0123456789abcdef0123456789abcdef";
    static readonly string[] PassthruRoutes = ["exotel/incoming", "exotel/question", "exotel/answer-ready", "exotel/status"];

    CallFlowHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await CallFlowHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    public static TheoryData<string> Queries() =>
    [
        "CallSid=%C3%28" + Sid,
        "CallSid=" + Sid + "%C3%28",
        "CallSid=" + Sid + "&RecordingUrl=http://127.0.0.1/%C3%28%FF%FE.wav",
        "CallSid=" + Sid + "&digits=%FF%FE%FD&CallFrom=%C3%28%E2%82",
        "CallSid=%00%00%00%00%00%00%00%00",
        "CallSid=" + Sid + "%00",
        "CallSid=%F0%9F%98%80%F0%9F%98%80%F0%9F%98%80",
        "CallSid=" + Sid + "&CallSid=" + Sid + "&CallSid=other",
        "CallSid[]=" + Sid + "&Stream[CallSid]=%ZZ",
        "CallSid=" + Sid + "&RecordingUrl=" + new string('%', 300),
        "CallSid=" + Sid + "&RecordingUrl=" + Uri.EscapeDataString("http://127.0.0.1/" + new string('a', 5000)),
        "CallSid=" + Sid + "&digits=" + new string('9', 5000),
        "CallSid=" + Sid + "&" + string.Join("&", Enumerable.Range(0, 600).Select(i => $"p{i}=")),
        "&&&&=&=&==&%&%%&+&CallSid=+" + Sid + "+",
        "CallSid=" + Sid + "&ConversationDuration=1e308&StartTime=9999-12-31%2023:59:59&EndTime=0001-01-01%2000:00:00",
        "CallSid=" + Sid + "&ConversationDuration=-1e308&Status=%3Cscript%3E",
        "CallSid=" + Sid + "&digits=%22%22%221%22%22%22&CallTo=%2B%2B%2B91",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task AnyRoute_BadQuery_Only200Or302_AnswerIsText(string query)
    {
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
        {
            foreach (var route in PassthruRoutes)
            {
                using var response = await _harness.Client.SendAsync(new HttpRequestMessage(method, $"/api/{route}?code={SelfHostServer.TestKey}&{query}"));
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{method} {route}?{query[..Math.Min(80, query.Length)]} -> {(int)response.StatusCode}");
            }
        }

        await AssertAnswerIsTextAsync(query);
    }

    public static TheoryData<string, byte[]> Bodies() => new()
    {
        { "application/json", Encoding.UTF8.GetBytes("{\"CallSid\":\"" + Sid + "\",\"RecordingUrl\":") },
        { "application/json", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D] },
        { "application/json", Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)) },
        { "application/json", Encoding.UTF8.GetBytes("{\"CallSid\":\"" + Sid + "\",\"x\":\"" + new string('y', 100_000) + "\"}") },
        { "application/json", Encoding.UTF8.GetBytes("CallSid=" + Sid) },
        { "application/json; charset=utf-16", Encoding.UTF8.GetBytes("{\"CallSid\":\"" + Sid + "\"}") },
        { "application/json", Encoding.UTF8.GetBytes("null") },
        { "application/json", Encoding.UTF8.GetBytes("\"just a string\"") },
        { "application/json", Encoding.UTF8.GetBytes("{\"CallSid\":\"" + Sid + "\",\"CallSid\":\"dup\",\"Stream\":{\"RecordingUrl\":{\"deeper\":1}}}") },
        { "application/x-www-form-urlencoded", [.. "CallSid="u8, 0xC3, 0x28, 0xFF, .. "&RecordingUrl=http://127.0.0.1/"u8, 0xFE, 0x80] },
        { "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("CallSid=" + Sid + "&" + string.Join("&", Enumerable.Range(0, 10_000).Select(i => $"p{i}=1"))) },
        { "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("CallSid=" + Sid + "&big=" + new string('v', 100_000)) },
        { "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes(new string('k', 100_000) + "=1&CallSid=" + Sid) },
        { "application/x-www-form-urlencoded", Encoding.UTF8.GetBytes("{\"CallSid\":\"" + Sid + "\"}") },
        { "multipart/form-data; boundary=b", Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"CallSid\"\r\n\r\n" + Sid + "\r\n--b\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.wav\"\r\nContent-Type: audio/wav\r\n\r\nRIFF\r\n--b--\r\n") },
        { "multipart/form-data", Encoding.UTF8.GetBytes("--b\r\n") },
        { "multipart/form-data; boundary=" + new string('b', 500), Encoding.UTF8.GetBytes("x") },
        { "text/xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>") },
        { "application/xml", Encoding.UTF8.GetBytes("<Request><CallSid>" + Sid + "</CallSid></Request>") },
        { "audio/wav", TestAudio.Wav(0.2) },
        { "application/octet-stream", [0x00, 0xFF, 0xC3, 0x28, 0x80, 0x00] },
        { "%%%/;;;=", Encoding.UTF8.GetBytes("CallSid=" + Sid) },
        { "application/x-www-form-urlencoded; charset=bogus-charset", Encoding.UTF8.GetBytes("CallSid=" + Sid) },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task PassthruRoute_BadBody_Only200Or302(string contentType, byte[] body)
    {
        foreach (var chunked in new[] { false, true })
        {
            foreach (var route in PassthruRoutes)
            {
                using var content = chunked ? (HttpContent)new StreamContent(new NoLengthStream(body)) : new ByteArrayContent(body);
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
                using var response = await _harness.Client.PostAsync($"/api/{route}?code={SelfHostServer.TestKey}", content);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found, $"{route} {contentType} chunked={chunked} -> {(int)response.StatusCode}");
            }
        }
    }

    [Theory]
    [InlineData(100_000, 1)]   // one 100 KB value
    [InlineData(10, 10_000)]   // 10k parameters
    public async Task AnyRoute_QueryBeyondKestrelsLimit_RefusedBeforeTheApp_Never5xx(int valueLength, int count)
    {
        var query = string.Join("&", Enumerable.Range(0, count).Select(i => $"p{i}={new string('v', valueLength)}"));

        foreach (var route in PassthruRoutes.Append("exotel/answer"))
        {
            using var response = await _harness.Client.GetAsync($"/api/{route}?code={SelfHostServer.TestKey}&CallSid={Sid}&{query}");

            // Kestrel's request-line limit (8 KB) answers 414 before any of our code runs; Exotel never sends such URLs.
            Assert.True((int)response.StatusCode < 500, $"{route} -> {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Answer_HeadAndGetWithGarbage_TextPlain_AndAWholeCallStillWorks()
    {
        using var head = await _harness.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/api/exotel/answer?code={SelfHostServer.TestKey}&CallSid=%C3%28"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("text/plain", head.Content.Headers.ContentType?.ToString());

        var callSid = CallFlowHarness.NewCallSid();
        await _harness.AskAsync(callSid, _harness.Recordings.Url($"rec/{callSid}.wav"));
        Assert.StartsWith("http", await _harness.AnswerAsync(callSid), StringComparison.Ordinal);
    }

    async Task AssertAnswerIsTextAsync(string query)
    {
        using var answer = await _harness.Client.GetAsync($"/api/exotel/answer?code={SelfHostServer.TestKey}&{query}");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(new MediaTypeHeaderValue("text/plain"), answer.Content.Headers.ContentType);
        Assert.NotEmpty(await answer.Content.ReadAsStringAsync());
    }

    /// <summary>A body stream without a length, so the request goes out chunked (no Content-Length to refuse early on).</summary>
    sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
