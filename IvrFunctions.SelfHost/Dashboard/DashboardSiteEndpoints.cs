using IvrFunctions.Core.Http;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Net.Http.Headers;

namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>
/// Serves the dashboard page at <c>/dashboard/</c> (no key: the page asks for it and sends it to the API) and a
/// <c>/dashboard/config.json</c> pointing at this host's own <c>/api</c>.
/// </summary>
public static class DashboardSiteEndpoints
{
    public const string Path = "/dashboard";

    // The page loads only its own files and talks only to this host's API (config.json says so).
    const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Call before <c>UseRouting</c>: static files answer first, the config endpoint joins the route table.</summary>
    public static WebApplication UseDashboardSite(this WebApplication app)
    {
        var site = DashboardSite.Locate();
        if (site is null)
        {
            app.Logger.LogWarning("Dashboard files not found (no dashboard/index.html above {Directory}): {Path} is not served",
                Directory.GetCurrentDirectory(), Path);
            return app;
        }

        app.UseFileServer(new FileServerOptions
        {
            FileProvider = new DashboardFileProvider(site),
            RequestPath = Path,
            EnableDefaultFiles = true,
            StaticFileOptions =
            {
                ContentTypeProvider = new FileExtensionContentTypeProvider(),
                OnPrepareResponse = context => AddHeaders(context.Context.Response.Headers),
            },
        });
        app.MapGet($"{Path}/{DashboardSite.ConfigFileName}", (HttpContext context) =>
            {
                AddHeaders(context.Response.Headers);
                var request = context.Request;
                return Results.Json(new DashboardConfig($"{request.Scheme}://{request.Host}{request.PathBase}/api", Source: SelfHostApplication.HostName));
            })
            .WithName("DashboardConfig")
            .WithMetadata(new IvrEndpoints.AnonymousRoute());
        app.Logger.LogInformation("Dashboard at {Path}/ from {Folder}", Path, site.Root);
        return app;
    }

    static void AddHeaders(IHeaderDictionary headers)
    {
        headers[HeaderNames.CacheControl] = "no-cache";
        headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }
}
