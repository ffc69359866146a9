using IvrFunctions.Core;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Http;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.SelfHost.Dashboard;
using IvrFunctions.SelfHost.Security;
using IvrFunctions.SelfHost.Turns;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Builds the SelfHost: Core's endpoints under <c>/api</c> on Kestrel, as Azure Functions would serve them.</summary>
public static class SelfHostApplication
{
    public const string DefaultUrl = "http://localhost:7071";
    public const string HostName = "selfhost";

    public static WebApplication Build(string[] args) => Build(args, configureServices: null);

    /// <summary>Builds the host; <paramref name="configureServices"/> runs last, so tests can replace services (providers, <see cref="TimeProvider"/>).</summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Registered first so Azurite is up before anything else starts, and stopped last.
        builder.Services.AddHostedService<DevelopmentAzuriteService>();
        builder.Services.AddIvrCore(builder.Configuration, HostName);
        builder.Services.AddSingleton<IPostConfigureOptions<IvrOptions>, DevelopmentKeyStore>();
        builder.Services.AddSingleton<IValidateOptions<IvrOptions>, FunctionKeyRequirement>();
        builder.Services.AddHostedService<TelemetryRetentionService>();
        builder.Services.AddProblemDetails();
        builder.Services.AddInProcessTurns();
        builder.Services.AddCors();
        builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Cors.Infrastructure.CorsOptions>, DashboardCors>();
        builder.Services.AddHostedService<AlertEvaluationService>();
        builder.Services.AddHostedService<OpenCallExpiryService>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDashboardSite();
        app.UseRouting();
        app.UseCors(DashboardCors.PolicyName);
        app.UseMiddleware<FunctionKeyMiddleware>();
        app.MapGroup("/api").MapIvrEndpoints();
        return app;
    }
}
