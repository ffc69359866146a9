using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Playwright;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>The dashboard in a real Chromium against the seeded SelfHost: what it shows equals what the API answers.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(DashboardFixture fixture)
{
    [Fact]
    public async Task KpiTiles_WithKey_EqualTheApisDashboardKpis()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        var shown = await page.KpiValuesAsync();
        await page.ScreenshotAsync("dashboard-laptop");

        var kpis = (await fixture.GetApiAsync("/api/performance/dashboard?window=1h")).GetProperty("kpis");
        var latency = kpis.GetProperty("turnLatency");
        var expected = new Dictionary<string, JsonElement>
        {
            ["calls"] = kpis.GetProperty("calls"),
            ["concurrent-calls"] = kpis.GetProperty("concurrentCallsNow"),
            ["turn-p50"] = latency.GetProperty("p50Ms"),
            ["turn-p95"] = latency.GetProperty("p95Ms"),
            ["success-rate"] = kpis.GetProperty("successRate"),
            ["cost-window"] = kpis.GetProperty("costUsd"),
            ["cost-today"] = kpis.GetProperty("todayCostUsd"),
            ["cost-month"] = kpis.GetProperty("monthToDateCostUsd"),
            ["firing-alerts"] = kpis.GetProperty("firingAlerts"),
        };
        foreach (var cache in kpis.GetProperty("cacheHitRates").EnumerateArray())
        {
            if (cache.GetProperty("target").ValueKind != JsonValueKind.Null || cache.GetProperty("lookups").GetInt64() > 0)
            {
                expected[$"cache-{cache.GetProperty("kind").GetString()}"] = cache.GetProperty("hitRate");
            }
        }

        Assert.Equal(expected.Keys.Order(), shown.Keys.Order());
        foreach (var (tile, value) in expected)
        {
            Assert.True(SameNumber(value, shown[tile]), $"tile {tile}: page shows '{shown[tile]}', API says {value}");
        }

        // The seed makes the last 15 minutes slow: the API says the turn p95 misses 8 s, and the tile says so in words.
        Assert.True(kpis.GetProperty("calls").GetInt64() > 0);
        Assert.False(latency.GetProperty("met").GetBoolean());
        var p95Tile = page.Page.Locator("[data-kpi='turn-p95']");
        Assert.Contains("missed", await p95Tile.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        Assert.Contains("over 8 s", await p95Tile.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Charts_RenderTheApisSeries()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        var dashboard = await fixture.GetApiAsync("/api/performance/dashboard?window=1h");
        var series = dashboard.GetProperty("series");
        var buckets = series.GetProperty("buckets").GetArrayLength();

        using var document = JsonDocument.Parse(await page.Page.EvaluateAsync<string>("""
            () => JSON.stringify(Object.fromEntries(['chart-latency', 'chart-stages', 'chart-volume', 'chart-concurrency', 'chart-cost', 'chart-cache'].map(id => {
              const canvas = document.getElementById(id);
              const chart = Chart.getChart(canvas);
              return [id, {
                labels: chart ? chart.data.labels.length : -1,
                datasets: chart ? chart.data.datasets.map(d => ({ label: d.label, data: d.data })) : [],
                width: canvas.width,
                label: canvas.getAttribute('aria-label'),
              }];
            })))
            """));
        var charts = document.RootElement;

        foreach (var chart in charts.EnumerateObject())
        {
            Assert.True(chart.Value.GetProperty("width").GetInt32() > 0, $"{chart.Name} has no drawing surface");
            Assert.False(string.IsNullOrWhiteSpace(chart.Value.GetProperty("label").GetString()), $"{chart.Name} has no text alternative");
            Assert.True(Points(chart.Value).Count > 0, $"{chart.Name} has no data points");
        }

        // Latency (the turn, chosen by default): one point per bucket, the API's p95 values.
        var latency = charts.GetProperty("chart-latency");
        Assert.Equal(buckets, latency.GetProperty("labels").GetInt32());
        var turnP95 = series.GetProperty("latency").EnumerateArray().Single(s => s.GetProperty("component").GetString() == "turn").GetProperty("p95Ms");
        Assert.Equal(Values(turnP95), Values(Dataset(latency, "p95")));

        // Turns per bucket and cost per service add up to the API's series.
        Assert.Equal(Values(series.GetProperty("turns")), Values(Dataset(charts.GetProperty("chart-volume"), "turns")));
        Assert.Equal(Values(series.GetProperty("concurrentCallsPeak")), Values(Dataset(charts.GetProperty("chart-concurrency"), "peak concurrent calls")));
        var apiCost = series.GetProperty("costByService").EnumerateArray().SelectMany(s => Values(s.GetProperty("costUsd"))).Sum(v => v ?? 0);
        var chartCost = charts.GetProperty("chart-cost").GetProperty("datasets").EnumerateArray().SelectMany(d => Values(d.GetProperty("data"))).Sum(v => v ?? 0);
        Assert.True(apiCost > 0);
        Assert.Equal(apiCost, chartCost, 9);

        // Stages: the p95 bars are the components endpoint's p95s.
        var components = (await fixture.GetApiAsync("/api/performance/components?window=1h")).GetProperty("components").EnumerateArray()
            .Where(c => c.GetProperty("count").GetInt64() > 0 || c.GetProperty("targetMs").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(components.Select(c => (double?)c.GetProperty("p95Ms").GetDouble()), Values(Dataset(charts.GetProperty("chart-stages"), "p95")));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task WindowPicker_ChangesTheWindowOfEveryRequest()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        Assert.All(page.ApiRequests("performance/dashboard").Concat(page.ApiRequests("performance/metrics")), u => Assert.Contains("window=1h", u.Query, StringComparison.Ordinal));
        var before = page.Requests.Count;

        await page.Page.GetByText("24 hours", new() { Exact = true }).ClickAsync();
        await page.WaitForDataAsync("24h");
        var after = page.Requests.Skip(before).Select(r => new Uri(r.Url)).Where(u => u.AbsolutePath.Contains("/api/performance/", StringComparison.Ordinal)).ToList();
        Assert.Contains(after, u => u.AbsolutePath.EndsWith("/performance/dashboard", StringComparison.Ordinal) && u.Query.Contains("window=24h", StringComparison.Ordinal));
        Assert.Contains(after, u => u.AbsolutePath.EndsWith("/performance/metrics", StringComparison.Ordinal) && u.Query.Contains("window=24h", StringComparison.Ordinal));
        Assert.All(after, u => Assert.Contains("window=24h", u.Query, StringComparison.Ordinal));

        // Keyboard: arrow keys move through the window radios (7 days next) and reload.
        await page.Page.Locator("#window-24h").FocusAsync();
        await page.Page.Keyboard.PressAsync("ArrowRight");
        await page.WaitForDataAsync("7d");
        Assert.Contains(page.ApiRequests("performance/dashboard"), u => u.Query.Contains("window=7d", StringComparison.Ordinal));
        var kpis = (await fixture.GetApiAsync("/api/performance/dashboard?window=7d")).GetProperty("kpis");
        Assert.Equal(kpis.GetProperty("calls").GetInt64().ToString(CultureInfo.InvariantCulture), (await page.KpiValuesAsync())["calls"]);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task FiringAlert_IsListedWithItsSuggestion()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");

        var alerts = await fixture.GetApiAsync("/api/performance/alerts?window=1h");
        var firing = alerts.GetProperty("firing").EnumerateArray().ToList();
        Assert.Contains(firing, a => a.GetProperty("rule").GetString() == "turn_p95");
        var items = page.Page.Locator("#alerts li[data-state='firing']");
        Assert.Equal(firing.Count, await items.CountAsync());
        var turnAlert = page.Page.Locator("#alerts li[data-rule='turn_p95'][data-state='firing']");
        var text = await turnAlert.InnerTextAsync();
        var api = firing.First(a => a.GetProperty("rule").GetString() == "turn_p95");
        Assert.Contains(api.GetProperty("message").GetString()!, text, StringComparison.Ordinal);
        Assert.Contains(api.GetProperty("suggestion").GetString()!, text, StringComparison.Ordinal);
        Assert.Equal(firing.Count.ToString(CultureInfo.InvariantCulture), (await page.KpiValuesAsync())["firing-alerts"]);
        await turnAlert.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("dashboard-alerts", fullPage: false);
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task ExportCsv_DownloadsTheApisExportOfTheWindowShown()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");

        var download = await ExportAsync(page, "Export CSV");
        var file = await download.PathAsync();
        var downloaded = await File.ReadAllTextAsync(file);
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        var request = page.Requests.Last(r => r.Url.EndsWith("/api/performance/export", StringComparison.Ordinal));
        Assert.Equal("POST", request.Method);
        using var body = JsonDocument.Parse(request.PostData!);
        Assert.Equal("csv", body.RootElement.GetProperty("format").GetString());
        using var response = await fixture.Api.PostAsJsonAsync(new Uri("/api/performance/export", UriKind.Relative), body.RootElement);
        response.EnsureSuccessStatusCode();
        var expected = await response.Content.ReadAsStringAsync();

        var rows = Lines(downloaded);
        Assert.StartsWith("kind,timestamp,", rows[0], StringComparison.Ordinal);
        Assert.True(rows.Count > DashboardSeed.Calls, $"only {rows.Count} rows exported");
        Assert.Equal(Lines(expected), rows);
        Assert.Contains(rows, r => r.StartsWith("stage,", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith("error,", StringComparison.Ordinal));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task ExportJson_DownloadsAJsonDocument()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        var download = await ExportAsync(page, "Export JSON");
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync()));

        // The same records as the API's CSV export of the same window: one object per data row, same kinds in the same order.
        var request = page.Requests.Last(r => r.Url.EndsWith("/api/performance/export", StringComparison.Ordinal));
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(request.PostData!)!;
        Assert.Equal("json", body["format"].GetString());
        body["format"] = JsonDocument.Parse("\"csv\"").RootElement;
        using var response = await fixture.Api.PostAsJsonAsync(new Uri("/api/performance/export", UriKind.Relative), body);
        var csvRows = Lines(await response.Content.ReadAsStringAsync()).Skip(1).ToList();
        var objects = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(csvRows.Count, objects.Count);
        Assert.Equal(csvRows.Select(r => r.Split(',')[0]), objects.Select(o => o.GetProperty("kind").GetString()));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task SampleTurn_WithoutAStoredTurn_SaysNotFoundInsteadOfFailing()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");

        // The errors view offers the failed turns' ids; telemetry alone stores no turn document, so the API answers 404.
        var sample = page.Page.Locator("#sample-turns button[data-turn-id]").First;
        var turnId = await sample.GetAttributeAsync("data-turn-id");
        Assert.Contains(turnId!, fixture.FailedTurns);
        await sample.ClickAsync();
        var note = page.Page.Locator("#turn-summary [data-kind='not-found']");
        await note.WaitForAsync();
        Assert.Contains($"Turn {turnId} was not found", await note.InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Page.Locator("#turn-panel").IsVisibleAsync());
        Assert.Equal("turn-heading", await page.Page.EvaluateAsync<string>("() => document.activeElement.id")); // focus follows the panel
        await page.ScreenshotAsync("dashboard-turn-not-found", fullPage: false);
        Assert.Contains(page.ApiRequests($"turns/{turnId}"), u => u.AbsolutePath.EndsWith(turnId!, StringComparison.Ordinal));
        // The page itself still works: the KPIs are there and the message region stays quiet.
        Assert.True(await page.Page.Locator("#message").IsHiddenAsync());
    }

    [Fact]
    public async Task Phone_ShowsEveryPanelWithoutSidewaysScrolling()
    {
        await using var page = await fixture.NewPageAsync(390, 844, isMobile: true);
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        await page.ScreenshotAsync("dashboard-phone");
        await page.ScreenshotAsync("dashboard-phone-top", fullPage: false);
        var overflow = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px on a phone");
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task Controls_AreLabelledNativeControls()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        var unlabelled = await page.Page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('input, select, textarea')]
              .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
              .map(e => e.id || e.name)
            """);
        Assert.Empty(unlabelled);
        Assert.Equal(0, await page.Page.Locator("[onclick], [onchange], [onsubmit], div[tabindex], span[tabindex]").CountAsync());
        Assert.Equal(await page.Page.Locator("[data-turn-id]").CountAsync(), await page.Page.Locator("button[data-turn-id]").CountAsync());
        var canvases = await page.Page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('canvas')].map(c => c.getAttribute('role'))");
        Assert.All(canvases, role => Assert.Equal("img", role));

        // On a fresh load the first Tab reaches the skip link; focus is visible (an outline).
        await page.Page.ReloadAsync();
        await page.WaitForDataAsync("1h");
        await page.Page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to the dashboard", await page.Page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Page.Locator("#refresh-now").FocusAsync();
        var outline = await page.Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    /// <summary>Clicks an export button and returns the download, or fails with the message the page showed instead.</summary>
    static async Task<IDownload> ExportAsync(DashboardPage page, string button)
    {
        var download = page.Page.WaitForDownloadAsync(new() { Timeout = 30_000 });
        await page.Page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        var message = page.Page.Locator("#message:not([hidden])").WaitForAsync(new() { Timeout = 30_000 });
        if (await Task.WhenAny(download, message) == message)
        {
            Assert.Fail($"{button} showed a message instead of downloading: {await page.Page.Locator("#message").InnerTextAsync()}");
        }

        return await download;
    }

    static bool SameNumber(JsonElement api, string shown) =>
        api.ValueKind == JsonValueKind.Null
            ? shown.Length == 0
            : double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value == api.GetDouble();

    static JsonElement Dataset(JsonElement chart, string label) =>
        chart.GetProperty("datasets").EnumerateArray().Single(d => d.GetProperty("label").GetString() == label).GetProperty("data");

    static List<double?> Values(JsonElement array) =>
        [.. array.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (double?)null : v.GetDouble())];

    static List<double?> Points(JsonElement chart) =>
        [.. chart.GetProperty("datasets").EnumerateArray()
            .SelectMany(d => d.GetProperty("data").EnumerateArray())
            .Where(v => v.ValueKind is JsonValueKind.Number or JsonValueKind.Array)
            .Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)0)];

    static List<string> Lines(string text) => [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
}
