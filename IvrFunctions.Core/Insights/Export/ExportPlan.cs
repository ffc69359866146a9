using IvrFunctions.Core.Insights.Windows;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>A validated export request.</summary>
public sealed record ExportPlan(ExportFormat Format, TimeWindow Window, IReadOnlySet<string> Kinds, bool ToBlob)
{
    public string Extension => Format == ExportFormat.Csv ? "csv" : "json";

    public string ContentType => Format == ExportFormat.Csv ? CsvExportWriter.ContentType : JsonExportWriter.ContentType;

    public string FileName => $"ivr-export-{Window.From:yyyyMMddTHHmm}Z-{Window.To:yyyyMMddTHHmm}Z.{Extension}";
}
