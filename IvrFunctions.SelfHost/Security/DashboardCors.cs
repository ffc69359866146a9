using IvrFunctions.Core.Insights.Configuration;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Security;

/// <summary>
/// CORS for the dashboard page: only <c>Dashboard:AllowedOrigin</c> may call the API from a browser (GET and POST, with the
/// key header); with no origin configured no cross-origin request is allowed. Azure Functions applies the same origin
/// through the platform's CORS setting.
/// </summary>
sealed class DashboardCors(IOptions<DashboardOptions> dashboard) : IConfigureOptions<CorsOptions>
{
    public const string PolicyName = "dashboard";

    public void Configure(CorsOptions options) => options.AddPolicy(PolicyName, policy =>
    {
        var origin = dashboard.Value.AllowedOrigin?.Trim().TrimEnd('/');
        if (string.IsNullOrEmpty(origin))
        {
            return;
        }

        policy.WithOrigins(origin)
            .WithMethods("GET", "POST")
            .WithHeaders(FunctionKeyMiddleware.HeaderName, "content-type")
            .WithExposedHeaders("Content-Disposition")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
    });
}
