using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>The SelfHost serves the page without a key (the API still needs one), and only the page's own files.</summary>
[Collection(DashboardCollection.Name)]
public sealed partial class DashboardHostingTests(DashboardFixture fixture)
{
    [Fact]
    public async Task Dashboard_WithoutSlash_RedirectsToTheFolder()
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        using var response = await client.GetAsync(new Uri("/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.EndsWith("/dashboard/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_IsServedWithoutAKey_WithAContentSecurityPolicy()
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri("/dashboard/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("<title>IVR helpline", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var script = await fixture.Host.Client.GetAsync(new Uri("/dashboard/js/main.js", UriKind.Relative));
        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        using var api = await fixture.Host.Client.GetAsync(new Uri("/api/performance/dashboard", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
    }

    [Fact]
    public async Task ConfigJson_PointsAtThisHostsApi()
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri("/dashboard/config.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(new Uri(fixture.Host.BaseAddress, "/api").ToString(), json.RootElement.GetProperty("apiBaseUrl").GetString());
        Assert.Equal(10, json.RootElement.GetProperty("refreshSeconds").GetInt32());
    }

    [Theory]
    [InlineData("/dashboard/package.json")]
    [InlineData("/dashboard/package-lock.json")]
    [InlineData("/dashboard/vendor.mjs")]
    [InlineData("/dashboard/node_modules/chart.js/package.json")]
    [InlineData("/dashboard/.gitignore")]
    public async Task BuildFiles_AreNotServed(string path)
    {
        using var response = await fixture.Host.Client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void VendoredChartJs_IsThePinnedVersion()
    {
        var site = IvrFunctions.SelfHost.Dashboard.DashboardSite.Locate();
        Assert.NotNull(site);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Root, "package.json")));
        var pinned = manifest.RootElement.GetProperty("dependencies").GetProperty("chart.js").GetString()!;
        Assert.Matches(ExactVersion(), pinned);
        using var lockFile = JsonDocument.Parse(File.ReadAllText(Path.Combine(site.Root, "package-lock.json")));
        Assert.Equal(pinned, lockFile.RootElement.GetProperty("packages").GetProperty("node_modules/chart.js").GetProperty("version").GetString());

        var vendored = File.ReadAllText(Path.Combine(site.Root, "vendor", "chart.umd.js"));
        Assert.StartsWith($"/*!\n * Chart.js v{pinned}\n", vendored, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site.Root, "vendor", "chart.js.LICENSE.md")));

        // Where the pinned package is installed (npm ci in dashboard/), the committed copy is byte for byte its build.
        var installed = Path.Combine(site.Root, "node_modules", "chart.js", "dist", "chart.umd.js");
        if (File.Exists(installed))
        {
            Assert.Equal(File.ReadAllBytes(installed), File.ReadAllBytes(Path.Combine(site.Root, "vendor", "chart.umd.js")));
        }
    }

    [Fact]
    public void PublishedFiles_AreThePageOnly()
    {
        var files = IvrFunctions.SelfHost.Dashboard.DashboardSite.Locate()!.Files();
        Assert.Contains("index.html", files);
        Assert.Contains("vendor/chart.umd.js", files);
        Assert.Contains("js/main.js", files);
        Assert.DoesNotContain(files, f => f.StartsWith("node_modules/", StringComparison.Ordinal) || f is "package.json" or "package-lock.json" or "vendor.mjs" or "config.json");
    }

    [GeneratedRegex(@"^\d+\.\d+\.\d+$")]
    private static partial Regex ExactVersion();
}
