namespace IvrFunctions.Core.Insights.Reports;

public enum ReportFormat
{
    Markdown = 1,
    Text,
}
