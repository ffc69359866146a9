using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.SelfHost.Dashboard;
using IvrFunctions.Tests.Infrastructure;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>What the page says when it cannot show data: never a blank page.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardFailureTests(DashboardFixture fixture)
{
    [Fact]
    public async Task NoKey_AsksForTheKey()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, key: null);
        var (_, text) = await page.WaitForMessageAsync("no-key");
        Assert.Contains("Enter the function key", text, StringComparison.Ordinal);
        Assert.True(await page.Page.GetByLabel("Function key", new() { Exact = true }).IsVisibleAsync());
        Assert.Empty(page.ApiRequests("performance/dashboard"));
        Assert.Empty(page.ConsoleErrors);
    }

    [Fact]
    public async Task WrongKey_SaysTheKeyWasRefused()
    {
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(fixture.DashboardUri, "not-the-key-0000000000");
        var (_, text) = await page.WaitForMessageAsync("unauthorized");
        Assert.Contains("Wrong function key", text, StringComparison.Ordinal);
        Assert.Contains("401", text, StringComparison.Ordinal);
        Assert.True(await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "IVR helpline live performance" }).IsVisibleAsync());
        Assert.True(await page.Page.GetByLabel("Function key", new() { Exact = true }).IsVisibleAsync());
        await page.ScreenshotAsync("dashboard-wrong-key", fullPage: false);

        // Entering the right key recovers without reloading.
        await page.EnterKeyAsync(SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        Assert.True(await page.Page.Locator("#message").IsHiddenAsync());
    }

    [Fact]
    public async Task UnreachableApi_SaysSoAndNamesTheAddress()
    {
        // The page as the deploy publishes it (Blob storage, config.json beside it) pointing at an API that is not there.
        var deadApi = $"http://127.0.0.1:{AzuriteProcess.FreePort()}/api";
        var pageUri = await UploadAsync(deadApi);
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(pageUri, SelfHostServer.TestKey);
        var (_, text) = await page.WaitForMessageAsync("unreachable");
        Assert.Contains($"Cannot reach the performance API at {deadApi}", text, StringComparison.Ordinal);
        Assert.True(await page.Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "At a glance" }).IsVisibleAsync());
        await page.ScreenshotAsync("dashboard-unreachable", fullPage: false);
    }

    [Fact]
    public async Task PageFromBlobStorage_CallsTheApiAcrossOrigins()
    {
        var pageUri = await UploadAsync(new Uri(fixture.Host.BaseAddress, "/api").ToString());
        Assert.Equal($"http://127.0.0.1:{fixture.Azurite.BlobPort}", pageUri.GetLeftPart(UriPartial.Authority));
        await using var page = await fixture.NewPageAsync();
        await page.OpenAsync(pageUri, SelfHostServer.TestKey);
        await page.WaitForDataAsync("1h");
        var kpis = (await fixture.GetApiAsync("/api/performance/dashboard?window=1h")).GetProperty("kpis");
        Assert.Equal(kpis.GetProperty("calls").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), (await page.KpiValuesAsync())["calls"]);
        await page.ScreenshotAsync("dashboard-from-blob", fullPage: false);
        Assert.Empty(page.ConsoleErrors);
    }

    /// <summary>Runs the real <c>upload-dashboard</c> command against the test Azurite, into a container of this test's own.</summary>
    async Task<Uri> UploadAsync(string apiBaseUrl)
    {
        var container = TestAzurite.UniqueName("web");
        using var output = new StringWriter();
        var exit = await UploadDashboardCommand.RunAsync(
            [$"--AzureWebJobsStorage={fixture.Azurite.ConnectionString}", $"--container={container}", $"--api-base-url={apiBaseUrl}"], output);
        Assert.True(exit == 0, output.ToString());
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("Open ", StringComparison.Ordinal));
        return new Uri(line["Open ".Length..].Trim());
    }
}
