using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using IvrFunctions.Core.Answers;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using IvrFunctions.Tests.Fakes;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>
/// The SelfHost with fake providers and a recording telemetry (or the real Table-backed one), plus a fake Exotel recording
/// host, all on loopback.
/// </summary>
public sealed class CallFlowHarness : IAsyncDisposable
{
    readonly RecordingTelemetry? _telemetry;

    CallFlowHarness(SelfHostServer server, FakeRecordingServer recordings, RecordingTelemetry? telemetry)
    {
        Server = server;
        Recordings = recordings;
        _telemetry = telemetry;
        Speech = (FakeSpeechToText)server.Services.GetRequiredService<ISpeechToText>();
        Answers = (FakeAnswerService)server.Services.GetRequiredService<IAnswerService>();
        Synthesizer = (FakeAnswerAudioSynthesizer)server.Services.GetRequiredService<IAnswerAudioSynthesizer>();
    }

    public SelfHostServer Server { get; }

    public FakeRecordingServer Recordings { get; }

    public RecordingTelemetry Telemetry => _telemetry ?? throw new InvalidOperationException("This harness stores its telemetry in Table Storage.");

    /// <summary>The call's session events recorded so far, once every one the webhooks queued (they wait for their open-call count) is recorded.</summary>
    public async Task<IReadOnlyList<SessionEvent>> SessionEventsAsync(string callSid)
    {
        await Get<OpenCallTracker>().WhenRecordedAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return [.. Telemetry.Sessions.Where(s => s.CallSid == callSid)];
    }

    public FakeSpeechToText Speech { get; }

    public FakeAnswerService Answers { get; }

    public FakeAnswerAudioSynthesizer Synthesizer { get; }

    public HttpClient Client => Server.Client;

    public TurnStore Turns => Server.Services.GetRequiredService<TurnStore>();

    public T Get<T>() where T : notnull => Server.Services.GetRequiredService<T>();

    public static Task<CallFlowHarness> StartAsync(params string[] settings) => StartAsync(null, storedTelemetry: false, settings);

    /// <summary>
    /// The harness on <paramref name="storageConnectionString"/> (null: the shared test Azurite); with
    /// <paramref name="storedTelemetry"/> the host keeps its real telemetry (buffer, flusher, Table Storage) instead of the recording one.
    /// </summary>
    public static async Task<CallFlowHarness> StartAsync(string? storageConnectionString, bool storedTelemetry, params string[] settings)
    {
        var recordings = await FakeRecordingServer.StartAsync();
        var telemetry = storedTelemetry ? null : new RecordingTelemetry();
        string[] defaults =
        [
            "--Exotel:RecordingHosts:0=recordings.exotel.com",
            "--Exotel:RecordingHosts:1=127.0.0.1",
            $"--Exotel:ApiKey={FakeRecordingServer.ApiKey}",
            $"--Exotel:ApiToken={FakeRecordingServer.ApiToken}",
            "--Audio:SigningKey=test-audio-signing-key-0123456789abcdef",
            "--Turns:RetryBaseDelayMilliseconds=20",
            "--Turns:AttemptTimeoutSeconds=2",
        ];
        var server = await SelfHostServer.StartAsync(
            storageConnectionString,
            services =>
            {
                if (telemetry is not null)
                {
                    services.AddSingleton<ITelemetry>(telemetry);
                }

                services.AddSingleton<ISpeechToText, FakeSpeechToText>();
                services.AddSingleton<IAnswerService, FakeAnswerService>();
                services.AddSingleton<IAnswerAudioSynthesizer>(sp => new FakeAnswerAudioSynthesizer(sp.GetRequiredService<StorageAccount>()));
            },
            [.. defaults, .. settings]);
        return new CallFlowHarness(server, recordings, telemetry);
    }

    public static string NewCallSid() => Guid.NewGuid().ToString("N");

    /// <summary>A webhook the way Exotel sends it: GET with query parameters, always with the key in <c>code</c>.</summary>
    public Task<HttpResponseMessage> GetAsync(string route, IDictionary<string, string?> parameters) =>
        Client.GetAsync(Url(route, parameters));

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string route, IDictionary<string, string?> parameters) =>
        Client.SendAsync(new HttpRequestMessage(method, Url(route, parameters)));

    public Task<HttpResponseMessage> PostFormAsync(string route, IDictionary<string, string?> parameters) =>
        Client.PostAsync(Url(route, new Dictionary<string, string?>()), new FormUrlEncodedContent(parameters.Where(p => p.Value is not null)!));

    public Task<HttpResponseMessage> PostJsonAsync(string route, object body) =>
        Client.PostAsJsonAsync(Url(route, new Dictionary<string, string?>()), body);

    public static string Url(string route, IDictionary<string, string?> parameters)
    {
        var query = string.Join("&", parameters.Where(p => p.Value is not null).Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value!)}"));
        return $"/api/{route}?code={SelfHostServer.TestKey}" + (query.Length > 0 ? "&" + query : string.Empty);
    }

    /// <summary>Polls answer-ready like the flow's loop until it answers 200.</summary>
    public async Task WaitReadyAsync(string callSid, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        while (true)
        {
            var response = await GetAsync("exotel/answer-ready", new Dictionary<string, string?> { ["CallSid"] = callSid });
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            timeout.Token.ThrowIfCancellationRequested();
        }
    }

    public async Task<string> AskAsync(string callSid, string recordingUrl, TimeSpan? bound = null)
    {
        var question = await GetAsync("exotel/question", new Dictionary<string, string?> { ["CallSid"] = callSid, ["RecordingUrl"] = recordingUrl });
        Assert.Equal(HttpStatusCode.OK, question.StatusCode);
        await WaitReadyAsync(callSid, bound ?? TimeSpan.FromSeconds(20));
        return TurnIds.For(callSid, recordingUrl);
    }

    public async Task<string> AnswerAsync(string callSid)
    {
        var response = await GetAsync("exotel/answer", new Dictionary<string, string?> { ["CallSid"] = callSid });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<JsonElement> TurnJsonAsync(string turnId)
    {
        var response = await Client.GetAsync($"/api/turns/{turnId}?code={SelfHostServer.TestKey}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Recordings.DisposeAsync();
    }
}
