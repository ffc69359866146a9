namespace IvrFunctions.Tests.Insights;

/// <summary>
/// The true number of calls in progress, computed here from start and end times alone (no production code): a call is in
/// progress from its start through its end, both instants included; a call without an end is in progress from its start on.
/// </summary>
static class OpenCallsTruth
{
    /// <summary>Calls in progress at the instant <paramref name="t"/>.</summary>
    public static int At(IEnumerable<(DateTimeOffset Start, DateTimeOffset? End)> calls, DateTimeOffset t) =>
        calls.Count(c => c.Start <= t && (c.End is null || c.End >= t));

    /// <summary>
    /// The most calls in progress at any instant of <c>[from, to)</c>: a sweep over the instants where the count can change
    /// (the window's start, every start and every end inside it), counting the calls at each from scratch.
    /// </summary>
    public static int Peak(IReadOnlyCollection<(DateTimeOffset Start, DateTimeOffset? End)> calls, DateTimeOffset from, DateTimeOffset to)
    {
        var instants = calls.Select(c => c.Start)
            .Concat(calls.Where(c => c.End is not null).Select(c => c.End!.Value))
            .Where(t => t > from && t < to)
            .Append(from);
        return instants.Max(t => At(calls, t));
    }

    /// <summary><see cref="Peak"/> of each series bucket, each cut to the window <c>[from, to)</c>.</summary>
    public static IReadOnlyList<int> PerBucket(
        IReadOnlyCollection<(DateTimeOffset Start, DateTimeOffset? End)> calls, IReadOnlyList<DateTimeOffset> buckets, TimeSpan size, DateTimeOffset from, DateTimeOffset to) =>
        [.. buckets.Select(b => Peak(calls, b < from ? from : b, b + size > to ? to : b + size))];
}
