namespace IvrFunctions.Core.Insights.Contracts;

/// <summary>The window a response covers: <c>[from, to)</c>, bounds rounded outward to whole minutes, and the series bucket size.</summary>
/// <param name="Window">The preset asked for (<c>15m</c>, <c>1h</c>, <c>24h</c>, <c>7d</c>, <c>30d</c>), or null when <c>from</c>/<c>to</c> were given.</param>
/// <param name="BucketSeconds">Width of one time-series bucket: 60 up to 6 h, 3600 up to 7 d, 86400 above.</param>
public sealed record WindowInfo(DateTimeOffset From, DateTimeOffset To, string? Window, int BucketSeconds);
