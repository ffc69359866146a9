using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary>
/// A Greeting dynamic-URL response: <c>Content-Type: text/plain</c> and nothing else (no charset), the same headers for
/// HEAD and GET, and a body only for GET.
/// </summary>
public sealed class ExotelTextResult(string body) : IResult
{
    public const string ContentType = "text/plain";

    public string Body { get; } = body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-store";
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.WriteAsync(Body, httpContext.RequestAborted);
        }
    }
}
