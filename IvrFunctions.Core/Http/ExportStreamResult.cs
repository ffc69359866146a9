using IvrFunctions.Core.Insights.Export;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace IvrFunctions.Core.Http;

/// <summary>Streams an export into the response body as records are read; a failure mid-stream aborts the connection so a cut file never looks complete.</summary>
public sealed class ExportStreamResult(ExportPlan plan, ExportService export) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = plan.ContentType;
        response.Headers.ContentDisposition = $"attachment; filename=\"{plan.FileName}\"";
        response.Headers.CacheControl = "no-store";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await export.WriteAsync(plan, response.Body, httpContext.RequestAborted);
        }
        catch (Exception) when (response.HasStarted && !httpContext.RequestAborted.IsCancellationRequested)
        {
            httpContext.Abort();
            throw;
        }
    }
}
