using System.Globalization;
using System.Text;
using IvrFunctions.Core.Insights.Contracts;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>Writes records as CSV (header + one line per record), flushing as it goes so memory stays flat whatever the count.</summary>
public static class CsvExportWriter
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static readonly string Header =
        "kind,timestamp,name,callSid,turnId,success,durationMs,errorCategory,provider,model,attempt,audioSeconds,characters,inputTokens,"
        + "cachedInputTokens,outputTokens,costUsd,hit,savedUsd,caller,language,turns,detail,status";

    const int FlushEvery = 1000;

    public static async Task<long> WriteAsync(IAsyncEnumerable<ExportRecord> records, Stream output, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Header);
        long count = 0;
        var line = new StringBuilder(256);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendLine(line, record);
            await writer.WriteLineAsync(line, cancellationToken);
            if (++count % FlushEvery == 0)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    public static void AppendLine(StringBuilder line, ExportRecord r)
    {
        line.Append(CsvCell.Text(r.Kind)).Append(',')
            .Append(r.Timestamp.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture)).Append(',')
            .Append(CsvCell.Text(r.Name)).Append(',')
            .Append(CsvCell.Text(r.CallSid)).Append(',')
            .Append(CsvCell.Text(r.TurnId)).Append(',')
            .Append(Bool(r.Success)).Append(',')
            .Append(Number(r.DurationMs)).Append(',')
            .Append(CsvCell.Text(r.ErrorCategory)).Append(',')
            .Append(CsvCell.Text(r.Provider)).Append(',')
            .Append(CsvCell.Text(r.Model)).Append(',')
            .Append(Number(r.Attempt)).Append(',')
            .Append(Number(r.AudioSeconds)).Append(',')
            .Append(Number(r.Characters)).Append(',')
            .Append(Number(r.InputTokens)).Append(',')
            .Append(Number(r.CachedInputTokens)).Append(',')
            .Append(Number(r.OutputTokens)).Append(',')
            .Append(Number(r.CostUsd)).Append(',')
            .Append(Bool(r.Hit)).Append(',')
            .Append(Number(r.SavedUsd)).Append(',')
            .Append(CsvCell.Text(r.Caller)).Append(',')
            .Append(CsvCell.Text(r.Language)).Append(',')
            .Append(Number(r.Turns)).Append(',')
            .Append(CsvCell.Text(r.Detail)).Append(',')
            .Append(CsvCell.Text(r.Status));
    }

    static string Bool(bool? value) => value switch { true => "true", false => "false", null => string.Empty };

    static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    static string Number(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
