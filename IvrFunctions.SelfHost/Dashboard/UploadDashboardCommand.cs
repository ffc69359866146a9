using IvrFunctions.Core;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.SelfHost.Hosting;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>
/// <c>dotnet run --project IvrFunctions.SelfHost -- upload-dashboard [--api-base-url URL] [--container NAME] [--site FOLDER]</c>:
/// uploads the page to the configured storage (<c>AzureWebJobsStorage</c>, Azurite by default) with a config.json pointing at
/// the API. Configuration is read as the SelfHost reads it (appsettings, environment, <c>--Key=value</c>).
/// </summary>
public static class UploadDashboardCommand
{
    public const string Name = "upload-dashboard";
    public const string DefaultApiBaseUrl = SelfHostApplication.DefaultUrl + "/api";

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddIvrCore(builder.Configuration, SelfHostApplication.HostName);
        await using var services = builder.Services.BuildServiceProvider();
        var configuration = builder.Configuration;

        var site = configuration["site"] is { Length: > 0 } folder ? DashboardSite.At(folder) : DashboardSite.Locate();
        if (site is null)
        {
            await output.WriteLineAsync("upload-dashboard: no dashboard/index.html found above the working directory; pass --site <folder>.");
            return 2;
        }

        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.IsDevelopmentStorage && !await AzuriteProcess.IsListeningAsync(AzuriteSettings.Development(string.Empty).BlobPort, cancellationToken))
        {
            await output.WriteLineAsync("upload-dashboard: Azurite is not running. Start the SelfHost (dotnet run --project IvrFunctions.SelfHost), " +
                "which starts Azurite, and run this command from another terminal.");
            return 2;
        }

        var apiBaseUrl = configuration["api-base-url"] is { Length: > 0 } url ? url.TrimEnd('/') : DefaultApiBaseUrl;
        if (!Uri.TryCreate(apiBaseUrl, UriKind.Absolute, out _))
        {
            await output.WriteLineAsync($"upload-dashboard: --api-base-url '{apiBaseUrl}' is not an absolute URL.");
            return 2;
        }

        var container = configuration["container"] is { Length: > 0 } name ? name : DashboardUploader.WebContainer;
        var uploader = new DashboardUploader(services.GetRequiredService<StorageAccount>().Blobs);
        var result = await uploader.UploadAsync(site, new DashboardConfig(apiBaseUrl, Source: "upload-dashboard"), container, cancellationToken);

        await output.WriteLineAsync($"Uploaded {result.Files} files ({result.Bytes:N0} bytes) from {site.Root} to {result.ContainerUri}");
        await output.WriteLineAsync($"API base URL in config.json: {apiBaseUrl}");
        if (result.PublicBlobAccess)
        {
            var origin = result.PageUri.GetLeftPart(UriPartial.Authority);
            await output.WriteLineAsync($"Open {result.PageUri}");
            await output.WriteLineAsync($"The page calls the API from {origin}: start the SelfHost with --Dashboard:AllowedOrigin={origin} so it may.");
        }
        else
        {
            await output.WriteLineAsync("Open the storage account's static website endpoint (az storage account show --query primaryEndpoints.web).");
        }

        return 0;
    }
}
