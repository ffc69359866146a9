using System.Net;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.StaticFiles;

namespace IvrFunctions.SelfHost.Dashboard;

/// <summary>
/// Uploads the dashboard to a Blob container (the storage account's static website container <c>$web</c> by default)
/// with a generated <c>config.json</c>. On a loopback Blob endpoint (Azurite, which has no static website endpoint) the
/// container is made publicly readable so the page opens from the Blob URL itself.
/// </summary>
public sealed class DashboardUploader(BlobServiceClient blobs)
{
    public const string WebContainer = "$web";

    readonly FileExtensionContentTypeProvider _contentTypes = new();

    public async Task<DashboardUploadResult> UploadAsync(DashboardSite site, DashboardConfig config, string containerName = WebContainer, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(containerName);
        var local = IsLoopback(blobs.Uri);
        if (local)
        {
            await container.CreateIfNotExistsAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
            await container.SetAccessPolicyAsync(PublicAccessType.Blob, cancellationToken: cancellationToken);
        }
        else if (!(await container.ExistsAsync(cancellationToken)).Value)
        {
            throw new InvalidOperationException(
                $"Container '{containerName}' does not exist in {blobs.AccountName}: enable the storage account's static website (the deploy does) first.");
        }

        var files = site.Files();
        long bytes = 0;
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(Path.Combine(site.Root, file));
            bytes += stream.Length;
            await UploadAsync(container, file, stream, cancellationToken);
        }

        var json = JsonSerializer.SerializeToUtf8Bytes(config, new JsonSerializerOptions { WriteIndented = true });
        using (var configStream = new MemoryStream(json))
        {
            await UploadAsync(container, DashboardSite.ConfigFileName, configStream, cancellationToken);
        }

        return new DashboardUploadResult(container.Uri, new Uri($"{container.Uri}/index.html"), files.Count + 1, bytes + json.Length, local);
    }

    async Task UploadAsync(BlobContainerClient container, string name, Stream content, CancellationToken cancellationToken)
    {
        if (!_contentTypes.TryGetContentType(name, out var contentType))
        {
            contentType = "application/octet-stream";
        }

        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType, CacheControl = "no-cache" },
        };
        try
        {
            await container.GetBlobClient(name).UploadAsync(content, options, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Forbidden)
        {
            throw new InvalidOperationException(
                $"Storage refused the upload of {name} (403): the identity needs 'Storage Blob Data Contributor' on {blobs.AccountName}.", ex);
        }
    }

    static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host, out var address) && IPAddress.IsLoopback(address));
}
