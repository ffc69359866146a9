namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>
/// <c>GET /api/performance/sessions</c>. <paramref name="Calls"/> lists the most recent calls first, at most <c>limit</c>
/// (default 100). <paramref name="ConcurrentCallsPeak"/> is, per bucket, the most calls in progress at the same moment
/// inside it, across all instances (as <see cref="DashboardSeries.ConcurrentCallsPeak"/>); <paramref name="CallsStarted"/>
/// counts the calls started in each bucket.
/// </summary>
public sealed record SessionsResponse(
    WindowInfo Window,
    SessionTotals Totals,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<int> ConcurrentCallsPeak,
    IReadOnlyList<long> CallsStarted,
    IReadOnlyList<CallSummary> Calls,
    bool CallsTruncated);
