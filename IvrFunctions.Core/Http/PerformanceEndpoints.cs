using System.Globalization;
using System.Text.Json;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Insights.Reports;
using IvrFunctions.Core.Insights.Windows;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary>
/// The performance API's handlers. Both hosts call these: the SelfHost through <see cref="PerformanceApi.MapPerformanceApi"/>,
/// Azure Functions from thin HTTP triggers. Bad parameters answer 400 problem+json naming the parameter.
/// </summary>
public static class PerformanceEndpoints
{
    public static Task<IResult> MetricsAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.MetricsAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> DashboardAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.DashboardAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> ComponentsAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.ComponentsAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> ApiUsageAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.ApiUsageAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> CacheAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.CacheAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> SessionsAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () =>
        {
            var window = Window(request, services);
            var limit = Integer(request, "limit", 1, 1000);
            return Results.Json(await services.Performance.SessionsAsync(window, limit, cancellationToken));
        });

    public static Task<IResult> ErrorsAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () =>
        {
            var window = Window(request, services);
            var top = Integer(request, "top", 1, 50);
            return Results.Json(await services.Performance.ErrorsAsync(window, top, cancellationToken));
        });

    public static Task<IResult> ErrorsReportAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () =>
        {
            var window = Window(request, services);
            var format = ((string?)request.Query["format"])?.Trim().ToLowerInvariant() switch
            {
                null or "" or "markdown" or "md" => ReportFormat.Markdown,
                "text" or "txt" => ReportFormat.Text,
                var other => throw new InvalidParameterException("format", $"'format' must be markdown or text; got '{other}'."),
            };
            var report = await services.Performance.ReportAsync(window, format, cancellationToken);
            return Results.Text(report, format == ReportFormat.Markdown ? "text/markdown; charset=utf-8" : "text/plain; charset=utf-8");
        });

    public static Task<IResult> AlertsAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () => Results.Json(await services.Performance.AlertsAsync(Window(request, services), cancellationToken)));

    public static Task<IResult> ExportAsync(HttpRequest request, PerformanceApiServices services, CancellationToken cancellationToken) =>
        Handle(async () =>
        {
            var body = await ReadBodyAsync(request, cancellationToken);
            var query = request.Query;
            var merged = new ExportRequest(
                Format: (string?)query["format"] ?? body.Format,
                From: WindowParser.ParseTime(WindowParser.FromParameter, query[WindowParser.FromParameter]) ?? body.From,
                To: WindowParser.ParseTime(WindowParser.ToParameter, query[WindowParser.ToParameter]) ?? body.To,
                Window: (string?)query[WindowParser.WindowParameter] ?? body.Window,
                Kinds: query.ContainsKey("kinds") ? [.. query["kinds"].Select(k => k ?? string.Empty)] : body.Kinds,
                Destination: (string?)query["destination"] ?? body.Destination);
            var plan = services.ExportRequests.Parse(merged);
            if (plan.ToBlob)
            {
                var link = await services.Export.WriteToBlobAsync(plan, cancellationToken);
                return Results.Json(link, statusCode: StatusCodes.Status201Created);
            }

            return new ExportStreamResult(plan, services.Export);
        });

    public static IResult OpenApi(PerformanceApiServices services) => Results.Text(services.OpenApi.Json, "application/json; charset=utf-8");

    /// <summary>The 400 answer for a bad parameter: problem+json with the parameter named in <c>parameter</c> and in the text.</summary>
    public static IResult InvalidParameter(InvalidParameterException exception) => Results.Problem(
        title: $"Invalid parameter '{exception.Parameter}'",
        detail: exception.Message,
        statusCode: StatusCodes.Status400BadRequest,
        extensions: new Dictionary<string, object?> { ["parameter"] = exception.Parameter });

    static async Task<IResult> Handle(Func<Task<IResult>> handler)
    {
        try
        {
            return await handler();
        }
        catch (InvalidParameterException ex)
        {
            return InvalidParameter(ex);
        }
    }

    static TimeWindow Window(HttpRequest request, PerformanceApiServices services) => services.Windows.Parse(
        request.Query[WindowParser.WindowParameter], request.Query[WindowParser.FromParameter], request.Query[WindowParser.ToParameter]);

    static int? Integer(HttpRequest request, string name, int min, int max)
    {
        var value = (string?)request.Query[name];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : throw new InvalidParameterException(name, $"'{name}' must be a whole number from {min} to {max}; got '{(value.Length > 20 ? value[..20] : value)}'.");
    }

    static async Task<ExportRequest> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.HasJsonContentType()))
        {
            return new ExportRequest();
        }

        if (!request.HasJsonContentType())
        {
            throw new InvalidParameterException("body", "The request body must be JSON (Content-Type: application/json), or send the parameters in the query string.");
        }

        try
        {
            return await request.ReadFromJsonAsync<ExportRequest>(cancellationToken) ?? new ExportRequest();
        }
        catch (JsonException ex)
        {
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            throw new InvalidParameterException(path, $"The JSON body is not valid at '{ex.Path}': expected {{ format, from, to, window, kinds, destination }} with ISO 8601 times.");
        }
    }
}
