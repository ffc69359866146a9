namespace IvrFunctions.Core.Insights.Export;

/// <summary>
/// Text cells safe to open in a spreadsheet: a value starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage
/// return is prefixed with <c>'</c> so it is never read as a formula (OWASP "CSV injection"), and any value with a comma,
/// quote or line break is quoted per RFC 4180. Numbers we format ourselves are written as they are.
/// </summary>
public static class CsvCell
{
    static readonly char[] NeedsQuotes = [',', '"', '\r', '\n'];

    public static string Text(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny(NeedsQuotes) >= 0 || value[^1] == ' ' || value[0] == ' '
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
