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
/// Google Speech-to-Text <c>speech:recognize</c> over REST: the format is sniffed from the bytes (WAV PCM → LINEAR16 and
/// WAV mu-law → MULAW, sent without the header, on v1; MP3 → v1p1beta1, where MP3 is supported), the transcript is joined
/// across results, and <c>totalBilledTime</c> is what the usage record bills.
/// </summary>
public sealed class GoogleSpeechToText(
    IHttpClientFactory clients,
    GoogleAuthenticator authenticator,
    GoogleErrorMapper errors,
    IOptions<GoogleOptions> google,
    IOptions<GoogleSpeechOptions> speech,
    ITelemetry telemetry,
    TimeProvider time) : ISpeechToText
{
    public async Task<Transcription> TranscribeAsync(RecordedAudio audio, string language, TelemetryContext context, CancellationToken cancellationToken = default)
    {
        var format = RecordingSniffer.Sniff(audio);
        var settings = speech.Value;
        if (format.Duration is { } length && length > TimeSpan.FromSeconds(settings.MaxRecordingSeconds))
        {
            throw new ClassifiedException(ErrorCategory.AudioTooLong, $"The recording lasts {length.TotalSeconds:0} s; synchronous recognition takes at most {settings.MaxRecordingSeconds} s.");
        }

        var model = settings.SttModelFor(language);
        var version = format.Encoding == RecordingEncoding.Mp3 ? "v1p1beta1" : "v1";
        var config = new JsonObject
        {
            ["encoding"] = format.Encoding switch { RecordingEncoding.Mp3 => "MP3", RecordingEncoding.MuLaw => "MULAW", _ => "LINEAR16" },
            ["sampleRateHertz"] = format.SampleRate,
            ["audioChannelCount"] = format.Channels,
            ["languageCode"] = language,
            ["model"] = model,
            ["enableAutomaticPunctuation"] = settings.EnableAutomaticPunctuation,
            ["maxAlternatives"] = 1,
        };
        var body = new JsonObject
        {
            ["config"] = config,
            ["audio"] = new JsonObject { ["content"] = Convert.ToBase64String(format.Payload.Span) },
        };

        var started = time.GetTimestamp();
        var uri = GoogleEndpoints.Combine(google.Value.SpeechEndpoint, $"{version}/speech:recognize");
        HttpResponseMessage? response = null;
        try
        {
            response = await authenticator.SendAsync(clients.CreateClient(ProviderHttpClients.Google),
                () => new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var error = await ProviderResilience.ReadErrorAsync(response, errors, time, cancellationToken);
                throw error.ToException("Google Speech-to-Text");
            }

            var result = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var transcription = Read(result, model, format);
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleStt, context, true, time.GetElapsedTime(started),
                new UsageUnits(AudioSeconds: transcription.BilledDuration?.TotalSeconds), model, StatusCode: (int)response.StatusCode));
            return transcription;
        }
        catch (Exception ex) when (ProviderResilience.Classify(ex, cancellationToken) is { } category)
        {
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleStt, context, false, time.GetElapsedTime(started), new UsageUnits(), model, category,
                response is null ? null : (int)response.StatusCode));
            throw ex as ClassifiedException ?? new ClassifiedException(category, $"Google Speech-to-Text call failed: {ex.GetBaseException().Message}", ex);
        }
        finally
        {
            response?.Dispose();
        }
    }

    static Transcription Read(JsonElement result, string model, RecordingFormat format)
    {
        var text = new System.Text.StringBuilder();
        double? confidence = null;
        if (result.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in results.EnumerateArray())
            {
                if (!item.TryGetProperty("alternatives", out var alternatives) || alternatives.GetArrayLength() == 0)
                {
                    continue;
                }

                var best = alternatives[0];
                if (best.TryGetProperty("transcript", out var transcript))
                {
                    text.Append(transcript.GetString());
                }

                if (best.TryGetProperty("confidence", out var c) && c.TryGetDouble(out var value) && value > 0)
                {
                    confidence = confidence is null ? value : Math.Min(confidence.Value, value);
                }
            }
        }

        // Billed time when Google says; otherwise the conservative 15-second rounding of the audio length.
        var billed = result.TryGetProperty("totalBilledTime", out var billedTime) ? GoogleErrorMapper.ParseDuration(billedTime.GetString()) : null;
        billed ??= format.Duration is { } length ? TimeSpan.FromSeconds(Math.Ceiling(length.TotalSeconds / 15) * 15) : null;
        return new Transcription(text.ToString().Trim(), confidence, billed, ProviderNames.Google, model);
    }
}
