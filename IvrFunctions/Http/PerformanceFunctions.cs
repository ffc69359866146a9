using IvrFunctions.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Http;

/// <summary>The performance API on Azure Functions: the same routes and handlers as the SelfHost, behind function keys.</summary>
public sealed class PerformanceFunctions(PerformanceApiServices services)
{
    [Function("PerformanceMetrics")]
    public async Task<IActionResult> Metrics(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Metrics)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.MetricsAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceDashboard")]
    public async Task<IActionResult> Dashboard(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Dashboard)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.DashboardAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceComponents")]
    public async Task<IActionResult> Components(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Components)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.ComponentsAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceApiUsage")]
    public async Task<IActionResult> ApiUsage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.ApiUsage)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.ApiUsageAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceCache")]
    public async Task<IActionResult> Cache(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Cache)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.CacheAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceSessions")]
    public async Task<IActionResult> Sessions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Sessions)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.SessionsAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceErrors")]
    public async Task<IActionResult> Errors(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Errors)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.ErrorsAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceErrorsReport")]
    public async Task<IActionResult> ErrorsReport(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.ErrorsReport)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.ErrorsReportAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceAlerts")]
    public async Task<IActionResult> Alerts(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = PerformanceRoutes.Alerts)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.AlertsAsync(request, services, request.HttpContext.RequestAborted));

    [Function("PerformanceExport")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = PerformanceRoutes.Export)] HttpRequest request) =>
        new CoreResult(await PerformanceEndpoints.ExportAsync(request, services, request.HttpContext.RequestAborted));

    /// <summary>The OpenAPI document describes the API and holds nothing secret, so it needs no key (as on the SelfHost).</summary>
    [Function("OpenApi")]
    public IActionResult OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = PerformanceRoutes.OpenApi)] HttpRequest request) =>
        new CoreResult(PerformanceEndpoints.OpenApi(services));
}
