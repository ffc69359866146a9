using IvrFunctions.Core.Insights;
using IvrFunctions.Core.Insights.Export;
using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Http;

/// <summary>What the performance handlers need, as one injectable bundle (both hosts resolve it).</summary>
public sealed class PerformanceApiServices(
    PerformanceService performance,
    WindowParser windows,
    ExportRequestParser exportRequests,
    ExportService export,
    OpenApiDocument openApi)
{
    public PerformanceService Performance { get; } = performance;

    public WindowParser Windows { get; } = windows;

    public ExportRequestParser ExportRequests { get; } = exportRequests;

    public ExportService Export { get; } = export;

    public OpenApiDocument OpenApi { get; } = openApi;
}
