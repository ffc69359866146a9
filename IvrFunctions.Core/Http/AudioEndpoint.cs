using Azure;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Turns;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary>
/// <c>GET|HEAD /api/audio/{turnId}/{expires}/{signature}.wav</c>, no key: streams a turn's answer audio to Exotel when the
/// URL's signature is valid and unexpired. Anything else is a plain 404, saying nothing about why; storage that cannot be
/// reached is a 503 with Retry-After, so the fetch can be tried again rather than the audio taken as gone.
/// </summary>
public static class AudioEndpoint
{
    public const string Route = AnswerAudioUrls.RoutePrefix + "/{turnId}/{expires}/{file}";

    public static async Task<IResult> HandleAsync(
        string turnId, string expires, string file, TurnStore turns, StorageAccount storage, AnswerAudioUrls urls, CancellationToken cancellationToken)
    {
        if (!urls.Verify(turnId, expires, file))
        {
            return Results.NotFound();
        }

        try
        {
            var turn = await turns.GetAsync(turnId, cancellationToken);
            if (turn?.Outcome is not { Kind: TurnOutcomeKind.Audio, AudioContainer: { } container, AudioBlob: { } blob })
            {
                return Results.NotFound();
            }

            var download = await storage.Container(container).GetBlobClient(blob).DownloadStreamingAsync(cancellationToken: cancellationToken);
            return new AudioStreamResult(download.Value.Content, download.Value.Details.ContentLength);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return Results.NotFound();
        }
        catch (Exception ex) when (ex is ClassifiedException { Category: ErrorCategory.Storage } || StorageFailures.IsStorageFailure(ex))
        {
            return new StorageUnavailableResult();
        }
    }

    sealed class StorageUnavailableResult : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            httpContext.Response.Headers.RetryAfter = "2";
            return Task.CompletedTask;
        }
    }

    sealed class AudioStreamResult(Stream content, long length) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using (content)
            {
                var response = httpContext.Response;
                response.ContentType = "audio/wav";
                response.ContentLength = length;
                response.Headers.CacheControl = "private, max-age=900";
                if (!HttpMethods.IsHead(httpContext.Request.Method))
                {
                    await content.CopyToAsync(response.Body, httpContext.RequestAborted);
                }
            }
        }
    }
}
