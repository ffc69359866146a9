namespace IvrFunctions.Tests.Hardening;

/// <summary>Awaits a condition instead of sleeping: polls it until it holds, and fails naming it when the bound passes.</summary>
static class Eventually
{
    static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static Task TrueAsync(Func<bool> condition, TimeSpan bound, string what) =>
        TrueAsync(() => Task.FromResult(condition()), bound, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan bound, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < bound, $"Not true within {bound.TotalSeconds:0} s: {what}");
            await Task.Delay(Poll);
        }
    }
}
