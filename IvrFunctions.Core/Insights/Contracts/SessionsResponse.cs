namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/sessions</c>. <paramref name="Calls"/> lists the most recent calls first, at most <c>limit</c> (default 100).</summary>
public sealed record SessionsResponse(
    WindowInfo Window,
    SessionTotals Totals,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<double> ConcurrentCallsPeak,
    IReadOnlyList<long> CallsStarted,
    IReadOnlyList<CallSummary> Calls,
    bool CallsTruncated);
