using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using IvrFunctions.Core.Http;
using IvrFunctions.Core.Turns;
using IvrFunctions.SelfHost.Hosting;

namespace IvrFunctions.SelfHost.Simulator;

/// <summary>
/// <c>simulate-call question.wav [--base-url URL] [--key KEY] [--language en|hi]</c>: serves the recording on loopback and
/// walks one call through either host the way Exotel would (incoming → question → answer-ready loop → HEAD and GET
/// answer → the audio URL → status), printing each step's status and time.
/// </summary>
public static class CallSimulator
{
    public const string Command = "simulate-call";
    const string Usage = "usage: simulate-call path/to/question.wav [--base-url http://localhost:7071] [--key KEY] [--language en|hi]";

    static readonly TimeSpan ReadyBound = TimeSpan.FromSeconds(40);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        if (!SimulatorArguments.TryParse(args, out var options, out var error))
        {
            await output.WriteLineAsync(error);
            await output.WriteLineAsync(Usage);
            return 2;
        }

        await using var recordingHost = await RecordingHost.StartAsync(options.RecordingPath, cancellationToken);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        var callSid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var walk = new CallWalk(http, options.Key, callSid, output);

        await output.WriteLineAsync($"Call {callSid} against {options.BaseUrl} ({options.Language})");
        await output.WriteLineAsync($"  recording served at {recordingHost.Url}");
        var started = Stopwatch.StartNew();
        var ok = true;

        ok &= await walk.StepAsync("incoming", HttpMethod.Get, CallFlowEndpoints.Incoming,
            new() { ["CallFrom"] = "09876543210", ["CallTo"] = "08047491899", ["Direction"] = "incoming", ["CallStatus"] = "in-progress" }, HttpStatusCode.OK) is not null;
        if (!ok)
        {
            await output.WriteLineAsync("Call walk FAILED at the first step");
            return 1;
        }

        var digits = options.Language == "hi-IN" ? "\"2\"" : "\"1\"";
        ok &= await walk.StepAsync("question", HttpMethod.Get, CallFlowEndpoints.Question,
            new() { ["RecordingUrl"] = recordingHost.Url, ["digits"] = digits, ["CallFrom"] = "09876543210" }, HttpStatusCode.OK) is not null;

        var readyWatch = Stopwatch.StartNew();
        while (ok)
        {
            var ready = await walk.StepAsync("answer-ready", HttpMethod.Get, CallFlowEndpoints.AnswerReady, [], null);
            if (ready is null || ready.StatusCode == HttpStatusCode.OK)
            {
                ok &= ready is not null;
                break;
            }

            if (readyWatch.Elapsed > ReadyBound)
            {
                await output.WriteLineAsync($"  answer-ready still 302 after {ReadyBound.TotalSeconds:0} s; giving up");
                ok = false;
                break;
            }
        }

        ok &= await walk.StepAsync("answer (HEAD)", HttpMethod.Head, CallFlowEndpoints.Answer, new() { ["From"] = "09876543210" }, HttpStatusCode.OK) is not null;
        var answer = await walk.StepAsync("answer", HttpMethod.Get, CallFlowEndpoints.Answer, new() { ["From"] = "09876543210" }, HttpStatusCode.OK);
        var body = answer is null ? string.Empty : await answer.Content.ReadAsStringAsync(cancellationToken);
        foreach (var line in body.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(line, UriKind.Absolute, out var audioUrl) && audioUrl.Scheme is "http" or "https")
            {
                await output.WriteLineAsync($"  answer URL: {audioUrl}");
                ok &= await walk.FetchAudioAsync(audioUrl);
            }
            else
            {
                await output.WriteLineAsync($"  answer text (Exotel speaks it): {line}");
            }
        }

        ok &= await walk.StepAsync("status", HttpMethod.Post, CallFlowEndpoints.Status,
            new()
            {
                ["Status"] = "completed",
                ["ConversationDuration"] = ((int)started.Elapsed.TotalSeconds).ToString(CultureInfo.InvariantCulture),
            },
            HttpStatusCode.OK) is not null;

        await walk.DescribeTurnAsync(TurnIds.For(callSid, recordingHost.Url));
        await output.WriteLineAsync(ok ? $"Call walked in {started.ElapsedMilliseconds} ms" : "Call walk FAILED");
        return ok ? 0 : 1;
    }

    sealed class CallWalk(HttpClient http, string? key, string callSid, TextWriter output)
    {
        public async Task<HttpResponseMessage?> StepAsync(string name, HttpMethod method, string route, Dictionary<string, string> parameters, HttpStatusCode? expected)
        {
            parameters["CallSid"] = callSid;
            var query = string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
            var keyPart = string.IsNullOrEmpty(key) ? string.Empty : $"code={Uri.EscapeDataString(key)}&";
            using var request = method == HttpMethod.Post
                ? new HttpRequestMessage(method, $"api/{route}?{keyPart.TrimEnd('&')}") { Content = new FormUrlEncodedContent(parameters) }
                : new HttpRequestMessage(method, $"api/{route}?{keyPart}{query}");
            var watch = Stopwatch.StartNew();
            try
            {
                var response = await http.SendAsync(request);
                var type = response.Content.Headers.ContentType?.ToString();
                await output.WriteLineAsync($"  {name,-14} {method.Method,-4} {(int)response.StatusCode} {type,-12} {watch.ElapsedMilliseconds,6} ms");
                if (expected is { } code && response.StatusCode != code)
                {
                    await output.WriteLineAsync($"    expected {(int)code}; check the key (--key) and that the host allows 127.0.0.1 in Exotel:RecordingHosts");
                    return null;
                }

                return response;
            }
            catch (HttpRequestException ex)
            {
                await output.WriteLineAsync($"  {name,-14} {method.Method,-4} failed: {ex.Message} (is the host running at {http.BaseAddress}?)");
                return null;
            }
        }

        public async Task<bool> FetchAudioAsync(Uri url)
        {
            var watch = Stopwatch.StartNew();
            using var anonymous = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            try
            {
                using var response = await anonymous.GetAsync(url);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                await output.WriteLineAsync($"  {"audio",-14} GET  {(int)response.StatusCode} {response.Content.Headers.ContentType,-12} {watch.ElapsedMilliseconds,6} ms, {bytes.Length} bytes");
                return response.IsSuccessStatusCode && bytes.Length > 44;
            }
            catch (HttpRequestException ex)
            {
                await output.WriteLineAsync($"  audio fetch failed: {ex.Message}");
                return false;
            }
        }

        public async Task DescribeTurnAsync(string turnId)
        {
            var keyPart = string.IsNullOrEmpty(key) ? string.Empty : $"?code={Uri.EscapeDataString(key)}";
            try
            {
                using var response = await http.GetAsync($"api/turns/{turnId}{keyPart}");
                if (!response.IsSuccessStatusCode)
                {
                    await output.WriteLineAsync($"  turn {turnId}: {(int)response.StatusCode}");
                    return;
                }

                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                var turn = json.RootElement;
                var stages = string.Join(", ", turn.GetProperty("stages").EnumerateArray().Select(s =>
                    $"{s.GetProperty("name").GetString()} {s.GetProperty("durationMs").GetDouble():0} ms ×{s.GetProperty("attempts").GetInt32()}{(s.GetProperty("succeeded").GetBoolean() ? string.Empty : " failed")}"));
                await output.WriteLineAsync($"  turn {turnId}: {turn.GetProperty("outcome").GetString()}, total {Number(turn, "totalMs")} ms; {stages}");
                if (turn.GetProperty("errorCategory").GetString() is { } category)
                {
                    await output.WriteLineAsync($"    error: {category} in {turn.GetProperty("errorStage").GetString()}");
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or JsonException or KeyNotFoundException or InvalidOperationException)
            {
                await output.WriteLineAsync($"  turn {turnId}: could not read ({ex.Message})");
            }
        }

        static string Number(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble().ToString("0", CultureInfo.InvariantCulture) : "?";
    }

    /// <summary>The question recording on a loopback URL, as Exotel's recording host would serve it.</summary>
    sealed class RecordingHost(LoopbackWebApp app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public static async Task<RecordingHost> StartAsync(string path, CancellationToken cancellationToken)
        {
            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            var extension = Path.GetExtension(path).ToLowerInvariant();
            var contentType = extension switch { ".mp3" => "audio/mpeg", ".ogg" => "audio/ogg", ".flac" => "audio/flac", _ => "audio/wav" };
            var name = $"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}{(extension.Length > 0 ? extension : ".wav")}";
            var app = await LoopbackWebApp.StartAsync(app => app.MapGet($"/recordings/{name}", () => Results.Bytes(bytes, contentType)), cancellationToken);
            return new RecordingHost(app, $"{app.BaseAddress}recordings/{name}");
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
