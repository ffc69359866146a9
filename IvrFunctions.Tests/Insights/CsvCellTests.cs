using System.Text;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Insights.Export;

namespace IvrFunctions.Tests.Insights;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\tTAB", "'\tTAB")]
    [InlineData("\r=evil", "\"'\r=evil\"")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("mid=dle", "mid=dle")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Text_NeutralisesFormulasAndQuotesPerRfc4180(string? value, string expected) =>
        Assert.Equal(expected, CsvCell.Text(value));

    [Fact]
    public void AppendLine_NegativeNumbersAreNumbersNotText_AndEveryTextColumnIsGuarded()
    {
        var line = new StringBuilder();
        var record = new ExportRecord("error", new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero), "=name", "+call", "-turn",
            DurationMs: -1.5, ErrorCategory: "@cat", Provider: "=p", Model: "+m", Caller: "=c", Language: "-l", Detail: "=d", Status: "@s");

        CsvExportWriter.AppendLine(line, record);

        var cells = line.ToString().Split(',');
        Assert.Equal(CsvExportWriter.Header.Split(',').Length, cells.Length);
        Assert.Equal("-1.5", cells[6]);
        foreach (var index in new[] { 2, 3, 4, 7, 8, 9, 19, 20, 22, 23 })
        {
            Assert.StartsWith("'", cells[index], StringComparison.Ordinal);
        }
    }
}
