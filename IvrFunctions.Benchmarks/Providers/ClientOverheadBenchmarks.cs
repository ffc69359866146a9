using System.Text;
using BenchmarkDotNet.Attributes;
using IvrFunctions.Core;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Answers.Retrieval;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Benchmarks.Providers;

/// <summary>
/// Provider client overhead: each client call against a loopback server that answers at once, next to a bare HttpClient POST
/// of a same-sized body to the same server (the baseline). The difference is what the client adds: request building, base64,
/// auth, the resilience pipeline, response parsing, usage recording. Target ≤ 2 ms a call.
/// </summary>
[Config(typeof(ProviderBenchmarkConfig))]
public class ClientOverheadBenchmarks
{
    const string RecognizeResponse = """{"results":[{"alternatives":[{"transcript":"how do i reset my upi pin","confidence":0.9}]}],"totalBilledTime":"15s"}""";
    const string ChatResponse = """{"id":"c","object":"chat.completion","created":1,"model":"gpt-4.1-mini","choices":[{"index":0,"message":{"role":"assistant","content":"You can reset your UPI PIN in your UPI app."},"finish_reason":"stop"}],"usage":{"prompt_tokens":500,"completion_tokens":20,"total_tokens":520,"prompt_tokens_details":{"cached_tokens":0}}}""";

    CannedServer _server = null!;
    ServiceProvider _services = null!;
    HttpClient _raw = null!;
    ISpeechToText _stt = null!;
    IAnswerGenerator _chat = null!;
    RecordedAudio _recording = null!;
    string _recognizeBody = null!;
    string _chatBody = null!;
    RetrievedChunk[] _passages = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await CannedServer.StartAsync(new Dictionary<string, string>
        {
            ["/v1/speech:recognize"] = RecognizeResponse,
            ["/v1/chat/completions"] = ChatResponse,
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Speech:Provider"] = "google",
            ["Google:ApiKey"] = "bench-key",
            ["Google:SpeechEndpoint"] = _server.BaseAddress.ToString(),
            ["Answers:Provider"] = "openai",
            ["OpenAI:ApiKey"] = "bench-key",
            ["OpenAI:Endpoint"] = new Uri(_server.BaseAddress, "v1").ToString(),
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddIvrCore(configuration, "benchmarks");
        _services = services.BuildServiceProvider();
        _stt = _services.GetRequiredService<ISpeechToText>();
        _chat = _services.GetRequiredService<IAnswerGenerator>();
        _raw = new HttpClient { BaseAddress = _server.BaseAddress };

        // A 5-second 8 kHz question, as Exotel records it.
        var pcm = new byte[8000 * 2 * 5];
        new Random(1).NextBytes(pcm);
        _recording = new RecordedAudio(Core.Speech.Audio.WavAudio.CreatePcm16(pcm), "audio/wav");
        _recognizeBody = $$$"""{"config":{"encoding":"LINEAR16","sampleRateHertz":8000,"languageCode":"en-IN"},"audio":{"content":"{{{Convert.ToBase64String(pcm)}}}"}}""";
        var passage = "You can reset your UPI PIN yourself in your UPI app. Open the app, choose the bank account, and tap Forgot UPI PIN.";
        _passages = [.. Enumerable.Range(0, 3).Select(i => new RetrievedChunk($"en/doc{i}", $"en/doc{i}#0", "Reset or forgot UPI PIN", passage, "en-IN", 0.8, 6, null))];
        _chatBody = $$$"""{"model":"gpt-4.1-mini","messages":[{"role":"system","content":"{{{OpenAIPrompt()}}}"},{"role":"user","content":"{{{passage}}} {{{passage}}} {{{passage}}}"}]}""";

        await _stt.TranscribeAsync(_recording, "en-IN", TelemetryContext.None);
        await _chat.GenerateAsync("How do I reset my UPI PIN?", "en-IN", _passages, TelemetryContext.None);
    }

    static string OpenAIPrompt() => new StringBuilder().Append('x', 700).ToString();

    [Benchmark(Description = "Raw POST recognize (baseline)")]
    public async Task<int> RawRecognize()
    {
        using var response = await _raw.PostAsync("v1/speech:recognize?key=bench-key", new StringContent(_recognizeBody, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadAsStringAsync()).Length;
    }

    [Benchmark(Description = "GoogleSpeechToText.TranscribeAsync")]
    public async Task<int> GoogleRecognize() => (await _stt.TranscribeAsync(_recording, "en-IN", TelemetryContext.None)).Text.Length;

    [Benchmark(Description = "Raw POST chat (baseline)")]
    public async Task<int> RawChat()
    {
        using var response = await _raw.PostAsync("v1/chat/completions", new StringContent(_chatBody, Encoding.UTF8, "application/json"));
        return (await response.Content.ReadAsStringAsync()).Length;
    }

    [Benchmark(Description = "OpenAIChatAnswerGenerator.GenerateAsync")]
    public async Task<int> OpenAIChat() => (await _chat.GenerateAsync("How do I reset my UPI PIN?", "en-IN", _passages, TelemetryContext.None)).Text.Length;

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _raw.Dispose();
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }
}
