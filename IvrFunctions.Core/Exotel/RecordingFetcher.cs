using System.Net;
using System.Net.Http.Headers;
using System.Text;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Speech;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Exotel;

/// <summary>
/// Downloads a caller's recording from Exotel: only from an allowed host, with Basic auth sent to that host only,
/// redirects followed only to allowed hosts, a byte and a duration limit, and the bytes checked to be audio.
/// </summary>
public sealed class RecordingFetcher(
    IHttpClientFactory httpClients,
    RecordingUrlPolicy policy,
    IOptions<ExotelOptions> exotel,
    IOptions<TurnsOptions> turns,
    ITelemetry telemetry,
    TimeProvider time)
{
    public const string HttpClientName = "ExotelRecordings";
    const int MaxRedirects = 3;

    public async Task<RecordedAudio> FetchAsync(string recordingUrl, TelemetryContext context, CancellationToken cancellationToken)
    {
        var uri = policy.Check(recordingUrl, out var reason)
            ?? throw new ClassifiedException(ErrorCategory.WebhookInput, $"Recording refused: {reason}.");
        var started = time.GetTimestamp();
        int? status = null;
        try
        {
            var audio = await DownloadAsync(uri, code => status = code, cancellationToken);
            var duration = AudioSniffer.Duration(audio.Content.Span, audio.ContentType);
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.Exotel, context, true, time.GetElapsedTime(started),
                new UsageUnits(AudioSeconds: duration?.TotalSeconds), StatusCode: status));
            return audio;
        }
        catch (ClassifiedException ex)
        {
            telemetry.RecordApiUsage(new ApiUsage(ApiServices.Exotel, context, false, time.GetElapsedTime(started), new UsageUnits(),
                Error: ex.Category, StatusCode: status));
            throw;
        }
    }

    async Task<RecordedAudio> DownloadAsync(Uri uri, Action<int> reportStatus, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        var originalHost = uri.IdnHost;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            if (string.Equals(uri.IdnHost, originalHost, StringComparison.OrdinalIgnoreCase) && Credentials() is { } credentials)
            {
                // Credentials go to the host Exotel named only, never to a host a redirect leads to.
                request.Headers.Authorization = credentials;
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new ClassifiedException(ErrorCategory.AudioDownload, $"Recording download failed: {ex.HttpRequestError}", ex);
            }

            using (response)
            {
                var code = (int)response.StatusCode;
                reportStatus(code);
                if (code is >= 300 and < 400)
                {
                    var location = response.Headers.Location;
                    var target = location is null ? null : location.IsAbsoluteUri ? location : new Uri(uri, location);
                    if (target is null || !policy.IsAllowed(target))
                    {
                        throw new ClassifiedException(ErrorCategory.WebhookInput, "Recording redirect refused: it leads to a host not in Exotel:RecordingHosts.");
                    }

                    if (hop >= MaxRedirects)
                    {
                        throw new ClassifiedException(ErrorCategory.AudioDownload, "Recording download: too many redirects.");
                    }

                    uri = target;
                    continue;
                }

                ThrowForStatus(response);
                return await ReadAudioAsync(response, cancellationToken);
            }
        }
    }

    AuthenticationHeaderValue? Credentials()
    {
        var options = exotel.Value;
        return string.IsNullOrEmpty(options.ApiKey) || string.IsNullOrEmpty(options.ApiToken)
            ? null
            : new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.ApiKey}:{options.ApiToken}")));
    }

    static void ThrowForStatus(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        throw response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden =>
                new ClassifiedException(ErrorCategory.ProviderAuth, $"Recording download refused ({code}): check Exotel:ApiKey and Exotel:ApiToken."),
            HttpStatusCode.TooManyRequests =>
                new ClassifiedException(ErrorCategory.RateLimited, "Recording download rate limited (429).", retryAfter: RetryAfter(response)),
            HttpStatusCode.NotFound or HttpStatusCode.RequestTimeout or >= HttpStatusCode.InternalServerError =>
                new ClassifiedException(ErrorCategory.AudioDownload, $"Recording download failed ({code}).", retryAfter: RetryAfter(response)),
            _ => new ClassifiedException(ErrorCategory.BadRequest, $"Recording download rejected ({code})."),
        };
    }

    static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        _ => null,
    };

    async Task<RecordedAudio> ReadAudioAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var limits = turns.Value;
        if (response.Content.Headers.ContentLength > limits.MaxRecordingBytes)
        {
            throw new ClassifiedException(ErrorCategory.AudioTooLong, $"Recording is {response.Content.Headers.ContentLength} bytes; the limit is {limits.MaxRecordingBytes} (Turns:MaxRecordingBytes).");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxRecordingBytes)
            {
                throw new ClassifiedException(ErrorCategory.AudioTooLong, $"Recording exceeds {limits.MaxRecordingBytes} bytes (Turns:MaxRecordingBytes).");
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.ToArray();
        var contentType = AudioSniffer.ContentType(bytes)
            ?? throw new ClassifiedException(ErrorCategory.AudioFormat, $"Recording is not WAV, MP3, OGG or FLAC audio ({bytes.Length} bytes, declared {response.Content.Headers.ContentType?.MediaType ?? "no type"}).");
        var duration = AudioSniffer.Duration(bytes, contentType);
        if (contentType is "audio/wav" or "audio/mpeg" && duration is null)
        {
            // A WAV header without format or data chunk, an MP3 tag without frames: truncated, nothing to transcribe.
            throw new ClassifiedException(ErrorCategory.AudioFormat, $"Recording is {contentType} without readable audio ({bytes.Length} bytes).");
        }

        if (duration is { } empty && empty <= TimeSpan.Zero)
        {
            throw new ClassifiedException(ErrorCategory.AudioFormat, "Recording holds no audio (0 s).");
        }

        if (duration is { } length && length.TotalSeconds > limits.MaxRecordingSeconds)
        {
            throw new ClassifiedException(ErrorCategory.AudioTooLong, $"Recording lasts {length.TotalSeconds:0.#} s; the limit is {limits.MaxRecordingSeconds} s (Turns:MaxRecordingSeconds).");
        }

        return new RecordedAudio(bytes, contentType);
    }
}
