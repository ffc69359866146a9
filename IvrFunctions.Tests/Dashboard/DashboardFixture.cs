using System.Text.Json;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace IvrFunctions.Tests.Dashboard;

/// <summary>
/// Shared by the browser tests: one headless system Chromium, and one real SelfHost (fake clock at <see cref="DashboardSeed.Now"/>)
/// whose telemetry tables were filled through the real capture API and flusher. The host allows the Azurite Blob origin, so
/// the page uploaded to Blob storage may call it.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public SelfHostServer Host { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DashboardSeed.ClockStart);

    public HttpClient Api { get; private set; } = null!;

    public AzuriteSettings Azurite { get; private set; } = null!;

    /// <summary>Turn ids the seed failed, which the errors view offers as samples.</summary>
    public IReadOnlyList<string> FailedTurns { get; private set; } = [];

    public Uri DashboardUri => new(Host.BaseAddress, "/dashboard/");

    public async Task InitializeAsync()
    {
        Azurite = (await TestAzurite.GetAsync()).Settings;
        Host = await SelfHostServer.StartAsync(
            null,
            services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time)),
            $"--Telemetry:RecordsTablePrefix={TestAzurite.UniqueRecordsPrefix("dashrec")}",
            $"--Telemetry:RollupsTable={TestAzurite.UniqueName("dashrol")}",
            $"--Telemetry:HourlyRollupsTable={TestAzurite.UniqueName("dashrolh")}",
            $"--Alerts:TableName={TestAzurite.UniqueName("dashalert")}",
            $"--Sessions:OpenCallsTable={TestAzurite.UniqueName("dashopen")}",
            "--Alerts:Enabled=false",
            $"--Dashboard:AllowedOrigin=http://127.0.0.1:{Azurite.BlobPort}");
        Api = Host.KeyedClient();

        FailedTurns = await DashboardSeed.SeedAsync(Host.Services.GetRequiredService<ITelemetry>(), Host.Services.GetRequiredService<OpenCallRegister>(), Time);
        await Host.Services.GetRequiredService<TelemetryFlusher>().FlushAsync();
        // The minute timer is off (the clock is fake); one evaluation stands in for it, as GET alerts evaluates first.
        (await Api.GetAsync(new Uri("/api/performance/alerts?window=1h", UriKind.Relative))).EnsureSuccessStatusCode();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh tab (own sessionStorage) that records console errors and requests.</summary>
    public async Task<DashboardPage> NewPageAsync(int width = 1366, int height = 900, bool isMobile = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            IsMobile = isMobile,
            HasTouch = isMobile,
            AcceptDownloads = true,
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        return new DashboardPage(context, await context.NewPageAsync());
    }

    public async Task<JsonElement> GetApiAsync(string pathAndQuery)
    {
        using var response = await Api.GetAsync(new Uri(pathAndQuery, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {pathAndQuery} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    static string ChromiumPath() =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Api?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
