using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;

namespace IvrFunctions.Tests.Telemetry;

/// <summary>
/// Watches the table requests a client sends to the real Azurite (a pipeline policy, not a fake): how many queries went to
/// a table, their filters, and how many were in flight (sent and not yet answered, failed or cancelled). For tests of how a reader uses storage.
/// </summary>
sealed class TableRequestRecorder : HttpPipelinePolicy
{
    readonly Lock _lock = new();
    readonly List<(string Table, string Filter)> _queries = [];
    readonly List<(string Table, int Change)> _flight = []; // +1 sent, -1 answered, in order

    /// <summary>A table service client for Azurite with this recorder in its pipeline.</summary>
    public TableServiceClient Service(string connectionString)
    {
        var options = new TableClientOptions();
        options.AddPolicy(this, HttpPipelinePosition.PerRetry);
        return new TableServiceClient(connectionString, options);
    }

    /// <summary>
    /// The filters of the queries sent to <paramref name="table"/> so far; a records-table prefix stands for all of its
    /// tables (<c>{prefix}{yyyyMMddHH}</c>).
    /// </summary>
    public IReadOnlyList<string> Queries(string table)
    {
        lock (_lock)
        {
            return [.. _queries.Where(q => IsOf(q.Table, table)).Select(q => q.Filter)];
        }
    }

    public int InFlight(string table)
    {
        lock (_lock)
        {
            return _flight.Where(f => IsOf(f.Table, table)).Sum(f => f.Change);
        }
    }

    public int MaxInFlight(string table)
    {
        lock (_lock)
        {
            int now = 0, max = 0;
            foreach (var (name, change) in _flight)
            {
                if (IsOf(name, table))
                {
                    now += change;
                    max = Math.Max(max, now);
                }
            }

            return max;
        }
    }

    static bool IsOf(string name, string table) =>
        name == table || (name.Length >= table.Length + 10 && name.StartsWith(table, StringComparison.Ordinal)
            && name[table.Length..^10].All(char.IsAsciiLetterLower) && name[^10..].All(char.IsAsciiDigit));

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var table = Sent(message);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            Done(table);
        }
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var table = Sent(message);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            Done(table);
        }
    }

    string? Sent(HttpMessage message)
    {
        if (Query(message) is not { } table)
        {
            return null;
        }

        var filter = message.Request.Uri.Query.TrimStart('?').Split('&').Select(Uri.UnescapeDataString)
            .FirstOrDefault(p => p.StartsWith("$filter=", StringComparison.Ordinal))?["$filter=".Length..] ?? string.Empty;
        lock (_lock)
        {
            _queries.Add((table, filter));
            _flight.Add((table, 1));
        }

        return table;
    }

    void Done(string? table)
    {
        if (table is null)
        {
            return;
        }

        lock (_lock)
        {
            _flight.Add((table, -1));
        }
    }

    /// <summary>The table a query (GET <c>/{account}/{table}()</c>) is sent to, or null for any other request.</summary>
    static string? Query(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get)
        {
            return null;
        }

        var path = message.Request.Uri.Path;
        var end = path.IndexOf("()", StringComparison.Ordinal);
        return end < 0 ? null : path[(path.LastIndexOf('/', end) + 1)..end];
    }
}
