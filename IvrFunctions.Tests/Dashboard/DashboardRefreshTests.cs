using IvrFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>
/// Auto-refresh against a slow API (the real API, its answers held back in the browser): requests never pile up, a new
/// window aborts the load in flight, and pausing stops the polling.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardRefreshTests(DashboardFixture fixture)
{
    static readonly TimeSpan Delay = TimeSpan.FromSeconds(7);

    [Fact]
    public async Task SlowApi_NeverHasTwoLoadsInFlight()
    {
        await using var page = await fixture.NewPageAsync();
        var tracker = await SlowDownAsync(page);
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        await page.Page.GetByLabel("Refresh every").SelectOptionAsync("5"); // faster than the API answers

        // A click on "Refresh now" while a load is in flight does not start another.
        await WaitUntilAsync(() => tracker.InFlight == 1, TimeSpan.FromSeconds(10));
        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Refresh now" }).ClickAsync();
        await Task.Delay(TimeSpan.FromSeconds(13));

        Assert.Equal(1, tracker.MaxInFlight);
        Assert.InRange(tracker.Started, 2, 3); // 7 s answers + 5 s pauses: not one request every 5 s
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task NewWindow_AbortsTheLoadInFlight()
    {
        await using var page = await fixture.NewPageAsync();
        var tracker = await SlowDownAsync(page);
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await WaitUntilAsync(() => tracker.InFlight == 1, TimeSpan.FromSeconds(10));

        await page.Page.GetByText("15 min", new() { Exact = true }).ClickAsync();
        await page.WaitForDataAsync("15m");
        Assert.Contains(tracker.Failed, u => u.Query.Contains("window=1h", StringComparison.Ordinal));
        Assert.Equal("15m", await page.Page.Locator("main").GetAttributeAsync("data-window"));
    }

    [Fact]
    public async Task Pause_StopsPollingAndResumeStartsAgain()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        await page.Page.GetByLabel("Refresh every").SelectOptionAsync("5");
        var pause = page.Page.GetByRole(AriaRole.Button, new() { Name = "Pause auto-refresh" });
        await pause.ClickAsync();
        var count = page.ApiRequests("performance/dashboard").Count;
        await Task.Delay(TimeSpan.FromSeconds(6.5));
        Assert.Equal(count, page.ApiRequests("performance/dashboard").Count);
        Assert.Contains("paused", await page.Page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);

        await page.Page.GetByRole(AriaRole.Button, new() { Name = "Resume auto-refresh" }).ClickAsync();
        await WaitUntilAsync(() => page.ApiRequests("performance/dashboard").Count > count, TimeSpan.FromSeconds(8));
        Assert.Empty(page.ConsoleErrors);
    }

    /// <summary>Holds every dashboard answer back by <see cref="Delay"/> and counts the dashboard requests in flight.</summary>
    static async Task<InFlightTracker> SlowDownAsync(DashboardPage page)
    {
        var tracker = new InFlightTracker();
        page.Page.Request += (_, r) => { if (IsDashboard(r)) { tracker.Begin(); } };
        page.Page.RequestFinished += (_, r) => { if (IsDashboard(r)) { tracker.End(null); } };
        page.Page.RequestFailed += (_, r) => { if (IsDashboard(r)) { tracker.End(new Uri(r.Url)); } };
        await page.Page.RouteAsync("**/api/performance/dashboard*", async route =>
        {
            await Task.Delay(Delay);
            try
            {
                await route.ContinueAsync();
            }
            catch (PlaywrightException)
            {
                // The page aborted the request while it was held back.
            }
        });
        return tracker;
    }

    static bool IsDashboard(IRequest request) =>
        new Uri(request.Url).AbsolutePath.EndsWith("/api/performance/dashboard", StringComparison.Ordinal);

    static async Task WaitUntilAsync(Func<bool> condition, TimeSpan bound)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }

    sealed class InFlightTracker
    {
        readonly object _gate = new();
        int _inFlight;

        public int InFlight { get { lock (_gate) { return _inFlight; } } }

        public int MaxInFlight { get; private set; }

        public int Started { get; private set; }

        public List<Uri> Failed { get; } = [];

        public void Begin()
        {
            lock (_gate)
            {
                _inFlight++;
                Started++;
                MaxInFlight = Math.Max(MaxInFlight, _inFlight);
            }
        }

        public void End(Uri? failed)
        {
            lock (_gate)
            {
                _inFlight--;
                if (failed is not null)
                {
                    Failed.Add(failed);
                }
            }
        }
    }
}
