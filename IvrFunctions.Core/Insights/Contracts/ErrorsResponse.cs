namespace IvrFunctions.Core.Insights.Contracts;

/// <summary><c>GET /api/performance/errors</c>. <paramref name="ErrorRate"/> = errors / (turns + webhook calls); null without traffic.</summary>
public sealed record ErrorsResponse(
    WindowInfo Window,
    long Total,
    double? ErrorRate,
    IReadOnlyList<ErrorCategoryTotal> Categories,
    IReadOnlyList<DateTimeOffset> Buckets,
    IReadOnlyList<CategorySeries> Series,
    IReadOnlyList<TopError> Top);
