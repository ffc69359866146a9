using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IvrFunctions.Tests.Fakes;

/// <summary>
/// Google Speech-to-Text v1/v1p1beta1 <c>speech:recognize</c>, Text-to-Speech v1 <c>text:synthesize</c> and an OAuth token
/// endpoint, as Google shapes them. Requests are validated (API key or bearer token, JSON fields, base64 audio, the 5,000-byte
/// TTS limit, MP3 only on v1p1beta1); invalid ones get Google's INVALID_ARGUMENT error body.
/// </summary>
public sealed class FakeGoogleServer : LoopbackServer
{
    public const string ApiKey = "test-google-api-key";
    public const string AccessToken = "ya29.fake-access-token";

    FakeGoogleServer()
    {
    }

    /// <summary>The recognised pieces returned (Google joins nothing: each may start with a space).</summary>
    public List<(string Transcript, double Confidence)> Results { get; } = [("how do i reset", 0.91), (" my upi pin", 0.87)];

    public string BilledTime { get; set; } = "15s";

    /// <summary>Milliseconds of 8 kHz audio returned per input character.</summary>
    public int MillisecondsPerCharacter { get; set; } = 10;

    public int TokenRequests => Requests.Count(r => r.Path == "/token");

    public static async Task<FakeGoogleServer> StartNewAsync()
    {
        var server = new FakeGoogleServer();
        await server.StartAsync();
        return server;
    }

    public static string Error(int code, string status, string message, string? reason = null, string? retryDelay = null)
    {
        var details = new JsonArray();
        if (reason is not null)
        {
            details.Add(new JsonObject
            {
                ["@type"] = "type.googleapis.com/google.rpc.ErrorInfo",
                ["reason"] = reason,
                ["domain"] = "googleapis.com",
                ["metadata"] = new JsonObject { ["service"] = "speech.googleapis.com" },
            });
        }

        if (retryDelay is not null)
        {
            details.Add(new JsonObject { ["@type"] = "type.googleapis.com/google.rpc.RetryInfo", ["retryDelay"] = retryDelay });
        }

        var error = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status };
        if (details.Count > 0)
        {
            error["details"] = details;
        }

        return new JsonObject { ["error"] = error }.ToJsonString();
    }

    protected override Task<(int Status, string Body)> RespondAsync(RecordedRequest request) => Task.FromResult(request.Path switch
    {
        "/token" => Token(request),
        "/v1/speech:recognize" or "/v1p1beta1/speech:recognize" => Authorized(request) ?? Recognize(request),
        "/v1/text:synthesize" => Authorized(request) ?? Synthesize(request),
        _ => (404, Error(404, "NOT_FOUND", $"Method not found: {request.Path}")),
    });

    static (int, string) Token(RecordedRequest request)
    {
        var form = System.Web.HttpUtility.ParseQueryString(request.Body);
        return form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer" && form["assertion"]?.Split('.').Length == 3
            ? (200, $$"""{"access_token":"{{AccessToken}}","expires_in":3599,"token_type":"Bearer"}""")
            : (400, """{"error":"invalid_grant","error_description":"Invalid JWT"}""");
    }

    static (int, string)? Authorized(RecordedRequest request)
    {
        if (request.Headers.TryGetValue("Authorization", out var authorization))
        {
            return authorization == $"Bearer {AccessToken}"
                ? null
                : (401, Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", "ACCESS_TOKEN_EXPIRED"));
        }

        var key = System.Web.HttpUtility.ParseQueryString(request.Query)["key"];
        return key == ApiKey
            ? null
            : (400, Error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID"));
    }

    (int, string) Recognize(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.Body)!;
        var config = body["config"];
        var encoding = config?["encoding"]?.GetValue<string>();
        var content = body["audio"]?["content"]?.GetValue<string>();
        string? problem = null;
        if (config?["languageCode"]?.GetValue<string>() is not ("en-IN" or "hi-IN"))
        {
            problem = "Invalid recognition 'config': languageCode is required.";
        }
        else if (encoding is not ("LINEAR16" or "MULAW" or "MP3"))
        {
            problem = $"Invalid recognition 'config': bad encoding {encoding}.";
        }
        else if (encoding == "MP3" && !request.Path.StartsWith("/v1p1beta1", StringComparison.Ordinal))
        {
            problem = "Invalid recognition 'config': MP3 encoding is only supported in v1p1beta1.";
        }
        else if (config["sampleRateHertz"]?.GetValue<int>() is not (>= 8000 and <= 48000))
        {
            problem = "Invalid recognition 'config': sampleRateHertz must be between 8000 and 48000.";
        }
        else if (string.IsNullOrEmpty(content) || !IsBase64(content))
        {
            problem = "RecognitionAudio not set or 'content' is not valid base64.";
        }

        if (problem is not null)
        {
            return (400, Error(400, "INVALID_ARGUMENT", problem));
        }

        var results = new JsonArray();
        foreach (var (transcript, confidence) in Results)
        {
            results.Add(new JsonObject
            {
                ["alternatives"] = new JsonArray(new JsonObject { ["transcript"] = transcript, ["confidence"] = confidence }),
                ["resultEndTime"] = "2.100s",
                ["languageCode"] = config!["languageCode"]!.GetValue<string>().ToLowerInvariant(),
            });
        }

        var response = new JsonObject { ["totalBilledTime"] = BilledTime, ["requestId"] = "7712345678901234567" };
        if (results.Count > 0)
        {
            response["results"] = results;
        }

        return (200, response.ToJsonString());
    }

    (int, string) Synthesize(RecordedRequest request)
    {
        var body = JsonNode.Parse(request.Body)!;
        var text = body["input"]?["text"]?.GetValue<string>();
        var audioConfig = body["audioConfig"];
        string? problem = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "Either `input.text` or `input.ssml` is required.";
        }
        else if (Encoding.UTF8.GetByteCount(text) > 5000)
        {
            problem = "Either `input.text` or `input.ssml` is longer than the limit of 5000 bytes.";
        }
        else if (string.IsNullOrEmpty(body["voice"]?["languageCode"]?.GetValue<string>()))
        {
            problem = "Voice language code is required.";
        }
        else if (audioConfig?["audioEncoding"]?.GetValue<string>() != "LINEAR16" || audioConfig["sampleRateHertz"]?.GetValue<int>() != 8000)
        {
            problem = "This fake only serves LINEAR16 at 8000 Hz.";
        }

        if (problem is not null)
        {
            return (400, Error(400, "INVALID_ARGUMENT", problem));
        }

        var samples = text!.Length * MillisecondsPerCharacter * 8;
        return (200, new JsonObject { ["audioContent"] = Convert.ToBase64String(ToneWav(samples)) }.ToJsonString());
    }

    /// <summary>An 8 kHz mono 16-bit WAV of a 440 Hz tone, with a LIST chunk before <c>data</c> as real encoders write.</summary>
    public static byte[] ToneWav(int samples)
    {
        var list = "LIST\u0004\0\0\0INFO"u8.ToArray();
        var wav = new byte[12 + 24 + list.Length + 8 + (samples * 2)];
        var span = wav.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], wav.Length - 8);
        "WAVEfmt "u8.CopyTo(span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], 8000);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], 16000);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        list.CopyTo(span[36..]);
        var data = 36 + list.Length;
        "data"u8.CopyTo(span[data..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[(data + 4)..], samples * 2);
        for (var i = 0; i < samples; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(data + 8 + (i * 2))..], (short)(8000 * Math.Sin(2 * Math.PI * 440 * i / 8000)));
        }

        return wav;
    }

    static bool IsBase64(string value)
    {
        var buffer = new byte[value.Length];
        return Convert.TryFromBase64String(value, buffer, out var written) && written > 0;
    }
}
