using IvrFunctions.Core.Health;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary><c>GET /api/health</c>: 200 when storage answers, 503 when it does not; never requires a key.</summary>
public static class HealthEndpoint
{
    public const string Route = "health";

    public static async Task<IResult> HandleAsync(HealthService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return Results.Json(report, statusCode: report.Storage.Reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
