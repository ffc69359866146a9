using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>One browser tab on the dashboard, recording what a person would not see: console errors and requests.</summary>
public sealed class DashboardPage : IAsyncDisposable
{
    readonly ConcurrentQueue<string> _consoleErrors = new();
    readonly ConcurrentQueue<IRequest> _requests = new();

    public DashboardPage(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                _consoleErrors.Enqueue($"{message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => _consoleErrors.Enqueue($"page error: {error}");
        page.Request += (_, request) => _requests.Enqueue(request);
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> ConsoleErrors => [.. _consoleErrors];

    public IReadOnlyList<IRequest> Requests => [.. _requests];

    /// <summary>Requests to <c>/api/{path}</c> (e.g. <c>performance/dashboard</c>), in the order they were sent.</summary>
    public IReadOnlyList<Uri> ApiRequests(string path) =>
        [.. _requests.Select(r => new Uri(r.Url)).Where(u => u.AbsolutePath.EndsWith("/api/" + path, StringComparison.Ordinal))];

    /// <summary>Opens the page and, when given, enters the key in the form as a person would.</summary>
    public async Task OpenAsync(Uri uri, string? key)
    {
        await Page.GotoAsync(uri.ToString());
        if (key is not null)
        {
            await EnterKeyAsync(key);
        }
    }

    public async Task EnterKeyAsync(string key)
    {
        var input = Page.GetByLabel("Function key", new() { Exact = true });
        if (!await input.IsVisibleAsync())
        {
            await Page.Locator("#key-summary").ClickAsync();
        }

        await input.FillAsync(key);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
    }

    /// <summary>Waits until the page shows data for <paramref name="window"/>.</summary>
    public async Task WaitForDataAsync(string window) =>
        await Page.Locator($"main[data-window='{window}']").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 20_000 });

    /// <summary>Each KPI tile's raw value (<c>&lt;data value&gt;</c>), keyed by its <c>data-kpi</c> name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> KpiValuesAsync()
    {
        var pairs = await Page.EvalOnSelectorAllAsync<string[][]>("[data-kpi]",
            "tiles => tiles.map(t => [t.dataset.kpi, t.querySelector('data').value])");
        return pairs.ToDictionary(p => p[0], p => p[1]);
    }

    /// <summary>The message region's kind and text once it shows.</summary>
    public async Task<(string Kind, string Text)> WaitForMessageAsync(string kind)
    {
        var message = Page.Locator($"#message[data-kind='{kind}']");
        await message.WaitForAsync(new() { Timeout = 20_000 });
        return (kind, await message.InnerTextAsync());
    }

    public async Task ScreenshotAsync(string name, bool fullPage = true) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(name), FullPage = fullPage });

    public async ValueTask DisposeAsync() => await Context.DisposeAsync();
}
