using System.Security.Cryptography;
using System.Text.Json.Nodes;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Tests.Fakes;
using static IvrFunctions.Tests.Fakes.LoopbackServer;

namespace IvrFunctions.Tests.Speech;

/// <summary>Google STT and TTS over REST against a loopback fake: request shapes, auth, usage, errors and retries.</summary>
public sealed class GoogleSpeechTests
{
    static readonly TelemetryContext Turn = new("call-google", "turn-1", "en-IN");

    static Task<ProviderTestHost> HostAsync(FakeGoogleServer google, Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Speech:Provider"] = "google",
            ["Google:ApiKey"] = FakeGoogleServer.ApiKey,
            ["Google:SpeechEndpoint"] = google.BaseAddress.ToString(),
            ["Google:TextToSpeechEndpoint"] = google.BaseAddress.ToString(),
            ["ProviderHttp:AttemptTimeoutSeconds"] = "2",
            ["ProviderHttp:TotalTimeoutSeconds"] = "8",
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        return ProviderTestHost.StartAsync(settings);
    }

    [Fact]
    public async Task Recognize_Pcm8kWav_SendsV1Linear16WithKeyAndJoinsResults()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);
        var wav = TestAudio.Pcm8kWav(2);

        var result = await host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(wav, "audio/wav"), "en-IN", Turn);

        Assert.Equal("how do i reset my upi pin", result.Text);
        Assert.Equal(0.87, result.Confidence);
        Assert.Equal(TimeSpan.FromSeconds(15), result.BilledDuration);
        Assert.Equal(("google", "telephony"), (result.Provider, result.Model));
        var request = Assert.Single(google.Requests);
        Assert.Equal("/v1/speech:recognize", request.Path);
        Assert.Equal($"?key={FakeGoogleServer.ApiKey}", request.Query);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("LINEAR16", body["config"]!["encoding"]!.GetValue<string>());
        Assert.Equal(8000, body["config"]!["sampleRateHertz"]!.GetValue<int>());
        Assert.Equal("en-IN", body["config"]!["languageCode"]!.GetValue<string>());
        Assert.Equal("telephony", body["config"]!["model"]!.GetValue<string>());
        var format = WavAudio.Parse(wav);
        Assert.Equal(wav.AsSpan(format.DataOffset, format.DataLength).ToArray(), Convert.FromBase64String(body["audio"]!["content"]!.GetValue<string>()));
        var usage = Assert.Single(host.Telemetry.ApiUsages);
        Assert.Equal((ApiServices.GoogleStt, true, 15.0, "telephony", 200), (usage.Service, usage.Success, usage.Units.AudioSeconds, usage.Model, usage.StatusCode));
        Assert.Equal(Turn, usage.Context);
    }

    [Fact]
    public async Task Recognize_Mp3_GoesToV1p1beta1WithTheMp3SampleRate()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);

        await host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(await TestAudio.Mp3Async(), "application/octet-stream"), "hi-IN", Turn);

        var request = Assert.Single(google.Requests);
        Assert.Equal("/v1p1beta1/speech:recognize", request.Path);
        var config = JsonNode.Parse(request.Body)!["config"]!;
        Assert.Equal(("MP3", 8000, "hi-IN", "default"),
            (config["encoding"]!.GetValue<string>(), config["sampleRateHertz"]!.GetValue<int>(), config["languageCode"]!.GetValue<string>(), config["model"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Recognize_MuLawWav_SendsMulawWithoutTheHeader()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);
        var wav = await TestAudio.MuLawWavAsync();

        await host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(wav, "audio/wav"), "en-IN", Turn);

        var body = JsonNode.Parse(Assert.Single(google.Requests).Body)!;
        Assert.Equal("MULAW", body["config"]!["encoding"]!.GetValue<string>());
        Assert.Equal(8000, Convert.FromBase64String(body["audio"]!["content"]!.GetValue<string>()).Length);
    }

    [Fact]
    public async Task Recognize_NoSpeech_ReturnsEmptyTextWithBilledTime()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        google.Results.Clear();
        await using var host = await HostAsync(google);

        var result = await host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);

        Assert.Equal("", result.Text);
        Assert.Null(result.Confidence);
        Assert.Equal(TimeSpan.FromSeconds(15), result.BilledDuration);
    }

    static string ServiceAccountJson(FakeGoogleServer google)
    {
        using var rsa = RSA.Create(2048);
        return new JsonObject
        {
            ["type"] = "service_account",
            ["project_id"] = "ivr-test",
            ["private_key_id"] = "k1",
            ["private_key"] = rsa.ExportPkcs8PrivateKeyPem(),
            ["client_email"] = "ivr@ivr-test.iam.gserviceaccount.com",
            ["token_uri"] = new Uri(google.BaseAddress, "token").ToString(),
        }.ToJsonString();
    }

    [Fact]
    public async Task Recognize_ServiceAccountTokenRejected_FetchesANewTokenAndResendsOnce()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google, new() { ["Google:ApiKey"] = "", ["Google:CredentialsJson"] = ServiceAccountJson(google) });
        var stt = host.Get<ISpeechToText>();
        await stt.TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);
        google.Enqueue(new ScriptedResponse(401, FakeGoogleServer.Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials.", "ACCESS_TOKEN_EXPIRED")));

        var result = await stt.TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);

        Assert.Equal("how do i reset my upi pin", result.Text);
        Assert.Equal(2, google.TokenRequests);
        Assert.Equal(3, google.Requests.Count(r => r.Path == "/v1/speech:recognize"));
    }

    [Fact]
    public async Task Recognize_ServiceAccount_UsesOneCachedBearerTokenAndNoKey()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google, new() { ["Google:ApiKey"] = "", ["Google:CredentialsJson"] = ServiceAccountJson(google) });
        var stt = host.Get<ISpeechToText>();

        await stt.TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);
        await stt.TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);

        Assert.Equal(1, google.TokenRequests);
        var calls = google.Requests.Where(r => r.Path == "/v1/speech:recognize").ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal($"Bearer {FakeGoogleServer.AccessToken}", c.Headers["Authorization"]));
        Assert.All(calls, c => Assert.DoesNotContain("key=", c.Query, StringComparison.Ordinal));
    }

    public static TheoryData<int, string, ErrorCategory, int> Errors => new()
    {
        // status, body, expected category, requests made (1 = not retried)
        { 400, FakeGoogleServer.Error(400, "INVALID_ARGUMENT", "Invalid recognition 'config': bad encoding."), ErrorCategory.BadRequest, 1 },
        { 400, FakeGoogleServer.Error(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID"), ErrorCategory.ProviderAuth, 1 },
        { 401, FakeGoogleServer.Error(401, "UNAUTHENTICATED", "Request had invalid authentication credentials."), ErrorCategory.ProviderAuth, 1 },
        { 403, FakeGoogleServer.Error(403, "PERMISSION_DENIED", "Cloud Speech-to-Text API has not been used in project 1 before or it is disabled.", "SERVICE_DISABLED"), ErrorCategory.ProviderAuth, 1 },
        { 403, FakeGoogleServer.Error(403, "PERMISSION_DENIED", "Billing is disabled.", "BILLING_DISABLED"), ErrorCategory.ProviderQuota, 1 },
        { 429, FakeGoogleServer.Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Audio seconds' and limit 'per day'.", "RESOURCE_QUOTA_EXCEEDED"), ErrorCategory.ProviderQuota, 1 },
        { 429, FakeGoogleServer.Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute'.", "RATE_LIMIT_EXCEEDED", "30s"), ErrorCategory.RateLimited, 1 },
        { 500, FakeGoogleServer.Error(500, "INTERNAL", "Internal error encountered."), ErrorCategory.ProviderUnavailable, 2 },
        { 503, FakeGoogleServer.Error(503, "UNAVAILABLE", "The service is currently unavailable."), ErrorCategory.ProviderUnavailable, 3 },
        { 504, FakeGoogleServer.Error(504, "DEADLINE_EXCEEDED", "Deadline exceeded."), ErrorCategory.Timeout, 3 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Recognize_ErrorBody_IsClassifiedAndRetriedOnlyWhenRetryable(int status, string body, ErrorCategory expected, int requests)
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        google.Enqueue(Enumerable.Repeat(new ScriptedResponse(status, body), 3).ToArray());
        await using var host = await HostAsync(google);

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn));

        Assert.Equal(expected, error.Category);
        Assert.Equal(requests, google.Requests.Count);
        var usage = Assert.Single(host.Telemetry.ApiUsages);
        Assert.Equal((false, expected, status), (usage.Success, usage.Error, usage.StatusCode));
        Assert.DoesNotContain(FakeGoogleServer.ApiKey, error.Message, StringComparison.Ordinal);
        if (expected == ErrorCategory.RateLimited)
        {
            Assert.Equal(TimeSpan.FromSeconds(30), error.RetryAfter); // longer than we wait in a call: handed back to the caller
        }
    }

    [Fact]
    public async Task Recognize_RateLimitedWithShortRetryInfo_WaitsAndSucceeds()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        google.Enqueue(new ScriptedResponse(429, FakeGoogleServer.Error(429, "RESOURCE_EXHAUSTED", "Quota exceeded for 'Requests per minute'.", "RATE_LIMIT_EXCEEDED", "0.300s")));
        await using var host = await HostAsync(google);
        var started = TimeProvider.System.GetTimestamp();

        var result = await host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn);

        Assert.Equal("how do i reset my upi pin", result.Text);
        Assert.Equal(2, google.Requests.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(280), "the RetryInfo delay was not honoured");
        Assert.True(Assert.Single(host.Telemetry.ApiUsages).Success);
    }

    [Fact]
    public async Task Recognize_SlowServer_TimesOutPerAttemptAndReportsTimeout()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        google.Enqueue(Enumerable.Repeat(new ScriptedResponse(200, "{}", Delay: TimeSpan.FromSeconds(10)), 3).ToArray());
        await using var host = await HostAsync(google, new() { ["ProviderHttp:AttemptTimeoutSeconds"] = "1.5", ["ProviderHttp:MaxRetries"] = "1" });

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(), "audio/wav"), "en-IN", Turn));

        Assert.Equal(ErrorCategory.Timeout, error.Category);
        Assert.Equal(2, google.Requests.Count);
        Assert.Equal(ErrorCategory.Timeout, Assert.Single(host.Telemetry.ApiUsages).Error);
    }

    [Fact]
    public async Task Recognize_RecordingOverOneMinute_IsRefusedBeforeAnyCall()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);

        var error = await Assert.ThrowsAsync<ClassifiedException>(() =>
            host.Get<ISpeechToText>().TranscribeAsync(new RecordedAudio(TestAudio.Pcm8kWav(61), "audio/wav"), "en-IN", Turn));

        Assert.Equal(ErrorCategory.AudioTooLong, error.Category);
        Assert.Empty(google.Requests);
    }

    [Fact]
    public async Task Synthesize_SendsVoiceAndLinear16At8k_StoresCanonicalWavAndRecordsCharacters()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);
        const string text = "Call 1930 at once.";

        var audio = await host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync(text, "en-IN", Turn);

        var request = Assert.Single(google.Requests);
        Assert.Equal(("/v1/text:synthesize", $"?key={FakeGoogleServer.ApiKey}"), (request.Path, request.Query));
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(text, body["input"]!["text"]!.GetValue<string>());
        Assert.Equal(("en-IN", "en-IN-Wavenet-A"), (body["voice"]!["languageCode"]!.GetValue<string>(), body["voice"]!["name"]!.GetValue<string>()));
        Assert.Equal(("LINEAR16", 8000), (body["audioConfig"]!["audioEncoding"]!.GetValue<string>(), body["audioConfig"]!["sampleRateHertz"]!.GetValue<int>()));
        var stored = (await host.Get<StorageAccount>().Container(audio.Container).GetBlobClient(audio.BlobName).DownloadContentAsync()).Value.Content.ToArray();
        var format = WavAudio.Parse(stored);
        Assert.True(format.IsTelephonyPcm);
        Assert.Equal(44, format.DataOffset); // the fake's LIST chunk is gone: a canonical header
        Assert.Equal(TimeSpan.FromMilliseconds(text.Length * 10), format.Duration);
        Assert.Equal(format.Duration, audio.Duration);
        var usage = Assert.Single(host.Telemetry.ApiUsages);
        Assert.Equal((ApiServices.GoogleTts, true, (long?)text.Length, "wavenet"), (usage.Service, usage.Success, usage.Units.Characters, usage.Units.VoiceClass));
    }

    [Fact]
    public async Task Synthesize_LongHindiText_SplitsUnderTheByteLimitAtSentenceEndsAndJoinsOneWav()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google, new() { ["GoogleSpeech:MaxTtsInputBytes"] = "4800" });
        const string sentence = "अगर आपके खाते से पैसा कट गया लेकिन भुगतान फेल हो गया, तो पैसा अपने आप वापस आ जाता है। ";
        var text = string.Concat(Enumerable.Repeat(sentence, 60)).Trim();
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(text) > 2 * 4800);

        var audio = await host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync(text, "hi-IN", new TelemetryContext("call-hi", "turn-1", "hi-IN"));

        var pieces = google.Requests.Select(r => JsonNode.Parse(r.Body)!["input"]!["text"]!.GetValue<string>()).ToList();
        Assert.InRange(pieces.Count, 3, 4);
        Assert.All(pieces, p => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(p), 1, 4800));
        Assert.All(pieces, p => Assert.EndsWith("।", p, StringComparison.Ordinal));
        Assert.Equal(text.Replace(" ", "", StringComparison.Ordinal), string.Concat(pieces).Replace(" ", "", StringComparison.Ordinal));
        Assert.All(google.Requests, r => Assert.Equal("hi-IN-Wavenet-A", JsonNode.Parse(r.Body)!["voice"]!["name"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromMilliseconds(pieces.Sum(p => p.Length) * 10), audio.Duration);
        Assert.Equal(pieces.Count, host.Telemetry.ApiUsages.Count);
    }

    [Fact]
    public async Task Synthesize_RepeatedAnswer_MakesNoSecondCallAndCountsTheSavedCharacters()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google);
        var synthesizer = host.Get<IAnswerAudioSynthesizer>();

        const string text = "Your refund comes back by the next working day.";
        var first = await synthesizer.SynthesizeAsync(text, "en-IN", Turn);
        var second = await synthesizer.SynthesizeAsync(text, "en-IN", Turn);

        Assert.Single(google.Requests);
        Assert.True(second.FromCache);
        Assert.Equal(first.BlobName, second.BlobName);
        var hit = host.Telemetry.CacheLookups.Last();
        Assert.Equal((CacheKinds.Audio, true, ApiServices.GoogleTts, (long?)text.Length), (hit.Kind, hit.Hit, hit.SavedService, hit.SavedUnits!.Characters));
    }

    [Fact]
    public async Task Synthesize_RateLimitedWithRetryAfterHeader_HonoursItThenSucceeds()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        google.Enqueue(new ScriptedResponse(429, FakeGoogleServer.Error(429, "RESOURCE_EXHAUSTED", "Too many requests."), new Dictionary<string, string> { ["Retry-After"] = "1" }));
        await using var host = await HostAsync(google);
        var started = TimeProvider.System.GetTimestamp();

        var audio = await host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync("Please hold.", "en-IN", Turn);

        Assert.False(audio.FromCache);
        Assert.Equal(2, google.Requests.Count);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromSeconds(0.95));
    }

    [Fact]
    public async Task WrongApiKey_IsProviderAuthAndNotRetried()
    {
        await using var google = await FakeGoogleServer.StartNewAsync();
        await using var host = await HostAsync(google, new() { ["Google:ApiKey"] = "wrong-key" });

        var error = await Assert.ThrowsAsync<ClassifiedException>(() => host.Get<IAnswerAudioSynthesizer>().SynthesizeAsync("Hello.", "en-IN", Turn));

        Assert.Equal(ErrorCategory.ProviderAuth, error.Category);
        Assert.Single(google.Requests);
        Assert.DoesNotContain("wrong-key", error.Message, StringComparison.Ordinal);
    }
}
