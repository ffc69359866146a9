namespace IvrFunctions.Core.Insights.Export;

public enum ExportFormat
{
    Csv = 1,
    Json,
}
