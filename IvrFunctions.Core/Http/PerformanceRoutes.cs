namespace IvrFunctions.Core.Http;

/// <summary>The performance API's routes (relative to <c>/api</c>), shared by both hosts.</summary>
public static class PerformanceRoutes
{
    public const string Metrics = "performance/metrics";
    public const string Dashboard = "performance/dashboard";
    public const string Components = "performance/components";
    public const string ApiUsage = "performance/api-usage";
    public const string Cache = "performance/cache";
    public const string Sessions = "performance/sessions";
    public const string Errors = "performance/errors";
    public const string ErrorsReport = "performance/errors/report";
    public const string Alerts = "performance/alerts";
    public const string Export = "performance/export";
    public const string OpenApi = "openapi.json";
}
