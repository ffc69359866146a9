using System.Globalization;
using System.Text;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Reports;

/// <summary>
/// A debugging report for people: what failed in the window, how often, where to look (sample turn ids), and what to do
/// next (from the error catalog), plus slow components and firing alerts. Markdown or plain text from one outline.
/// </summary>
public static class ErrorReportGenerator
{
    public static string Generate(
        ReportFormat format, ErrorsResponse errors, IReadOnlyList<ComponentStats> components, AlertsResponse alerts, DateTimeOffset generatedAt)
    {
        var md = format == ReportFormat.Markdown;
        var text = new StringBuilder();
        var w = errors.Window;
        Heading(text, md, 1, "IVR error report");
        Line(text, $"Window: {Time(w.From)} to {Time(w.To)} (UTC){(w.Window is null ? string.Empty : $", last {w.Window}")}. Generated {Time(generatedAt)}.");
        Line(text, $"Errors: {errors.Total}{(errors.ErrorRate is { } rate ? $" ({rate.ToString("0.0%", CultureInfo.InvariantCulture)} of turns and webhook requests)" : string.Empty)}.");
        text.AppendLine();

        Heading(text, md, 2, "Next steps");
        var steps = errors.Top.Select(t => $"{t.Category} in {t.Component}{(t.Provider is null ? string.Empty : $" ({t.Provider})")}: {t.Suggestion}")
            .Concat(alerts.Firing.Select(a => $"Alert {a.Rule}{(a.Subject is null ? string.Empty : $" ({a.Subject})")}: {a.Suggestion}"))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (steps.Count == 0)
        {
            Line(text, "Nothing to do: no errors and no firing alerts in this window.");
        }

        for (var i = 0; i < steps.Count; i++)
        {
            Line(text, md ? $"{i + 1}. {steps[i]}" : $"  {i + 1}. {steps[i]}");
        }

        text.AppendLine();
        Heading(text, md, 2, "Errors by category");
        if (errors.Categories.Count == 0)
        {
            Line(text, "None.");
        }
        else if (md)
        {
            Line(text, "| category | count | retryable | fault | meaning |");
            Line(text, "| --- | ---: | --- | --- | --- |");
            foreach (var c in errors.Categories)
            {
                Line(text, $"| {Cell(c.Category)} | {c.Count} | {(c.Retryable ? "yes" : "no")} | {c.Fault} | {Cell(c.Title)} |");
            }
        }
        else
        {
            foreach (var c in errors.Categories)
            {
                Line(text, $"  {c.Category,-22} {c.Count,8}  retryable={(c.Retryable ? "yes" : "no"),-3}  fault={c.Fault,-13} {c.Title}");
            }
        }

        text.AppendLine();
        Heading(text, md, 2, "Top errors");
        if (errors.Top.Count == 0)
        {
            Line(text, "None.");
        }

        foreach (var t in errors.Top)
        {
            Heading(text, md, 3, $"{t.Category} in {t.Component}{(t.Provider is null ? string.Empty : $" ({t.Provider})")}: {t.Count}");
            Bullet(text, md, $"Last occurred: {Time(t.LastOccurred)}");
            Bullet(text, md, $"Sample turns: {(t.SampleTurnIds.Count == 0 ? "none recorded" : string.Join(", ", t.SampleTurnIds.Select(id => md ? $"`{id}`" : id)))}");
            if (t.SampleDetail is not null)
            {
                Bullet(text, md, $"Latest detail: {t.SampleDetail}");
            }

            Bullet(text, md, $"What it means: {t.Title} (retryable: {(t.Retryable ? "yes" : "no")}, fault: {t.Fault})");
            Bullet(text, md, $"What to do: {t.Suggestion}");
            text.AppendLine();
        }

        Heading(text, md, 2, "Components against targets");
        var measured = components.Where(c => c.Count > 0).ToList();
        if (measured.Count == 0)
        {
            Line(text, "No measurements in this window.");
        }

        foreach (var c in measured)
        {
            var verdict = c.Met switch { true => "met", false => "MISSED", null => "no target" };
            Bullet(text, md, $"{c.Component}: {c.Count} measured, success {Percent(c.SuccessRate)}, p50 {Ms(c.P50Ms)}, p95 {Ms(c.P95Ms)}, target {Ms(c.TargetMs)}: {verdict}");
        }

        text.AppendLine();
        Heading(text, md, 2, "Alerts");
        if (alerts.Firing.Count == 0 && alerts.RecentlyResolved.Count == 0)
        {
            Line(text, "None firing or resolved in this window.");
        }

        foreach (var a in alerts.Firing)
        {
            Bullet(text, md, $"FIRING ({a.Severity}) since {Time(a.Since)}: {a.Message}");
        }

        foreach (var a in alerts.RecentlyResolved)
        {
            Bullet(text, md, $"resolved {Time(a.ResolvedAt ?? a.Since)}: {a.Message}");
        }

        return text.ToString();
    }

    static void Heading(StringBuilder text, bool md, int level, string title)
    {
        if (md)
        {
            text.Append('#', level).Append(' ').AppendLine(title).AppendLine();
        }
        else
        {
            text.AppendLine(level == 1 ? title.ToUpperInvariant() : title);
            text.AppendLine(new string(level == 1 ? '=' : '-', title.Length));
        }
    }

    static void Line(StringBuilder text, string line) => text.AppendLine(line);

    static void Bullet(StringBuilder text, bool md, string line) => text.AppendLine(md ? $"- {line}" : $"  * {line}");

    static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    static string Ms(double? ms) => ms is null ? "n/a" : ms.Value.ToString("0", CultureInfo.InvariantCulture) + " ms";

    static string Percent(double? rate) => rate is null ? "n/a" : rate.Value.ToString("0.0%", CultureInfo.InvariantCulture);
}
