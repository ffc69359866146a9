using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Providers;
using IvrFunctions.Core.Speech.Audio;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Speech.Google;

/// <summary>
/// Google Text-to-Speech <c>text:synthesize</c> over REST, LINEAR16 at 8000 Hz (a WAV with header). Input longer than the
/// request limit (UTF-8 bytes) is split on sentence boundaries and the pieces' audio joined into one valid 8 kHz mono WAV.
/// Each request is one usage record (characters and voice class, which set the price).
/// </summary>
public sealed class GoogleTextToSpeech(
    IHttpClientFactory clients,
    GoogleAuthenticator authenticator,
    GoogleErrorMapper errors,
    IOptions<GoogleOptions> google,
    IOptions<GoogleSpeechOptions> speech,
    ITelemetry telemetry,
    TimeProvider time) : ITextToSpeechEngine
{
    public string Provider => ProviderNames.Google;

    public SpeechVoice VoiceFor(string language)
    {
        var name = speech.Value.VoiceFor(language);
        return new SpeechVoice(name, VoiceClassOf(name));
    }

    public static string VoiceClassOf(string voice) => voice switch
    {
        _ when voice.Contains("Chirp3-HD", StringComparison.OrdinalIgnoreCase) => "chirp3-hd",
        _ when voice.Contains("Neural2", StringComparison.OrdinalIgnoreCase) => "neural2",
        _ when voice.Contains("Wavenet", StringComparison.OrdinalIgnoreCase) => "wavenet",
        _ when voice.Contains("Studio", StringComparison.OrdinalIgnoreCase) => "studio",
        _ when voice.Contains("Polyglot", StringComparison.OrdinalIgnoreCase) => "polyglot",
        _ => "standard",
    };

    public async Task<byte[]> SynthesizeAsync(string text, string language, SpeechVoice voice, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var pieces = SpeechTextSplitter.Split(text, Math.Clamp(speech.Value.MaxTtsInputBytes, 100, 5000));
        var audio = new List<byte[]>(pieces.Count);
        foreach (var piece in pieces)
        {
            audio.Add(await SynthesizePieceAsync(piece, language, voice, context, cancellationToken));
        }

        return WavAudio.JoinAsTelephonyWav(audio);
    }

    async Task<byte[]> SynthesizePieceAsync(string text, string language, SpeechVoice voice, TelemetryContext context, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["input"] = new JsonObject { ["text"] = text },
            ["voice"] = new JsonObject { ["languageCode"] = language, ["name"] = voice.Name },
            ["audioConfig"] = new JsonObject
            {
                ["audioEncoding"] = "LINEAR16",
                ["sampleRateHertz"] = WavAudio.TelephonySampleRate,
                ["speakingRate"] = speech.Value.SpeakingRate,
            },
        };
        var units = new UsageUnits(Characters: text.EnumerateRunes().Count(), VoiceClass: voice.VoiceClass);
        var started = time.GetTimestamp();
        var uri = GoogleEndpoints.Combine(google.Value.TextToSpeechEndpoint, "v1/text:synthesize");
        HttpResponseMessage? response = null;
        try
        {
            response = await authenticator.SendAsync(clients.CreateClient(ProviderHttpClients.Google),
                () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw (await ProviderResilience.ReadErrorAsync(response, errors, time, cancellationToken)).ToException("Google Text-to-Speech");
            }

            var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var content = result.TryGetProperty("audioContent", out var audio) ? audio.GetString() : null;
            if (string.IsNullOrEmpty(content))
            {
                throw new ClassifiedException(ErrorCategory.ProviderUnavailable, "Google Text-to-Speech returned no audioContent.");
            }

            var bytes = Convert.FromBase64String(content);
            // LINEAR16 comes with a WAV header; raw PCM (no header) is wrapped as 8 kHz 16-bit mono.
            var wav = WavAudio.LooksLikeWav(bytes) ? bytes : WavAudio.CreatePcm16(bytes);
            WavAudio.Parse(wav);
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, context, true, time.GetElapsedTime(started), units, voice.Name, StatusCode: (int)response.StatusCode));
            return wav;
        }
        catch (Exception ex) when (ProviderResilience.Classify(ex, cancellationToken) is { } category)
        {
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, context, false, time.GetElapsedTime(started), units with { Characters = 0 }, voice.Name, category,
                response is null ? null : (int)response.StatusCode));
            throw ex as ClassifiedException ?? new ClassifiedException(category, $"Google Text-to-Speech call failed: {ex.GetBaseException().Message}", ex);
        }
        catch (FormatException ex)
        {
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, context, false, time.GetElapsedTime(started), units with { Characters = 0 }, voice.Name,
                ErrorCategory.AudioFormat, (int?)response?.StatusCode));
            throw new ClassifiedException(ErrorCategory.AudioFormat, "Google Text-to-Speech returned audio that is not valid base64.", ex);
        }
        finally
        {
            response?.Dispose();
        }
    }
}
