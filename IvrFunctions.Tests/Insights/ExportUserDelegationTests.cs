using System.Net;
using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Export;
using IvrFunctions.Core.Insights.Windows;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Telemetry.Costs;
using IvrFunctions.Core.Telemetry.Storage;
using IvrFunctions.Tests.Infrastructure;
using IvrFunctions.Tests.Telemetry;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IvrFunctions.Tests.Insights;

/// <summary>
/// Export to Blob as it runs in Azure, where the account has no shared key and the app signs in with its managed identity:
/// our storage clients on a token credential against an Azurite that serves HTTPS and accepts bearer tokens, so the link
/// is a user-delegation SAS. The link is then used as a recipient would: a plain HTTP GET without credentials.
/// </summary>
public sealed class ExportUserDelegationTests : IAsyncLifetime
{
    OAuthAzurite _azurite = null!;

    public async Task InitializeAsync() => _azurite = await OAuthAzurite.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task WriteToBlob_WithATokenCredential_LinksWithAUserDelegationSasForThatBlobOnlyAndOnlyUntilItExpires()
    {
        // Storage checks a link's times against its own clock, so the export's clock reads the real time.
        var now = DateTimeOffset.UtcNow;
        var credential = new AzuriteTokenCredential();
        var storage = _azurite.CreateStorageAccount(credential);
        var time = new FakeTimeProvider(now.AddMinutes(-3));
        using var harness = new TelemetryHarness(storage.Tables, TelemetryHarness.NewOptions("udk"), time);
        for (var i = 0; i < 20; i++)
        {
            harness.Telemetry.RecordApiUsage(new ApiUsage(ApiServices.GoogleTts, new TelemetryContext($"call-{i}", $"turn-{i}"), true,
                TimeSpan.FromMilliseconds(200 + i), new UsageUnits(Characters: 100 + i, VoiceClass: "standard")));
            time.Advance(TimeSpan.FromSeconds(5));
        }

        await harness.Flusher.FlushAsync(); // records and rollups written with the bearer token too
        time.SetUtcNow(now);
        var container = TestAzurite.UniqueName("exports");
        var export = Export(storage, harness, container, time);
        var plan = new ExportPlan(ExportFormat.Csv, TimeWindow.Create(now.AddMinutes(-15), now), new HashSet<string> { "usage" }, ToBlob: true);

        var link = await export.WriteToBlobAsync(plan);

        Assert.False(storage.Blobs.CanGenerateAccountSasUri); // no account key: only a user delegation key can sign
        Assert.Equal("user-delegation", link.SasKind);
        Assert.Equal(20, link.Records);
        Assert.Equal(now.AddMinutes(60), link.ExpiresAt);
        Assert.Contains("skoid=" + credential.ObjectId, link.Url.Query, StringComparison.Ordinal);
        Assert.Contains("sktid=" + credential.TenantId, link.Url.Query, StringComparison.Ordinal);
        Assert.Contains("sp=r&", link.Url.Query, StringComparison.Ordinal);
        Assert.Contains("https://storage.azure.com/.default", credential.RequestedScopes);

        using var recipient = new HttpClient(_azurite.CreateHandler()); // trusts the test certificate; sends no credentials
        var downloaded = await recipient.GetStringAsync(link.Url);
        using (var direct = new MemoryStream())
        {
            await export.WriteAsync(plan with { ToBlob = false }, direct);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(direct.ToArray()), downloaded);
        }

        Assert.Equal(21, downloaded.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.StartsWith(CsvExportWriter.Header, downloaded, StringComparison.Ordinal);
        // Without the signature the blob is private (Azure answers 404 there, Azurite 403).
        Assert.Contains(await StatusAsync(recipient, new Uri(link.Url.GetLeftPart(UriPartial.Path))), new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });

        // The same signature on another blob of the same container: refused.
        var other = await export.WriteToBlobAsync(plan);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(recipient, other.Url));
        var borrowed = new UriBuilder(other.Url) { Query = link.Url.Query.TrimStart('?') }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(recipient, borrowed));

        // A link whose expiry has passed (made on a clock two hours back with the 60-minute lifetime, so it expired an hour
        // ago): refused. The same made with a 3-hour lifetime still works, so it is the expiry that counts, not the clock.
        var twoHoursAgo = new FakeTimeProvider(now.AddHours(-2));
        var expired = await Export(storage, harness, container, twoHoursAgo).WriteToBlobAsync(plan);
        var lasting = await Export(storage, harness, container, twoHoursAgo, linkMinutes: 180).WriteToBlobAsync(plan);
        Assert.Equal(("user-delegation", "user-delegation"), (expired.SasKind, lasting.SasKind));
        Assert.True(expired.ExpiresAt < DateTimeOffset.UtcNow && lasting.ExpiresAt > DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(recipient, expired.Url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(recipient, lasting.Url));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(recipient, link.Url));
    }

    static ExportService Export(StorageAccount storage, TelemetryHarness harness, string container, TimeProvider time, int linkMinutes = 60) => new(
        new TelemetryPerformanceDataSource(
            harness.Reader, new SegmentedRecordReader(harness.Tables, harness.Reader), new FreeTierService(harness.Reader, harness.Prices, time), harness.Buffer,
            Options.Create(new InsightsOptions()), time),
        storage,
        Options.Create(new InsightsOptions { ExportContainer = container, ExportLinkMinutes = linkMinutes }),
        time,
        NullLogger<ExportService>.Instance);

    static async Task<HttpStatusCode> StatusAsync(HttpClient client, Uri url)
    {
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }
}
