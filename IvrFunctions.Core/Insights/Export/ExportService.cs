using System.Runtime.CompilerServices;
using Azure.Storage.Sas;
using IvrFunctions.Core.Insights.Aggregation;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Insights.Contracts;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Insights.Export;

/// <summary>
/// Streams a window's records (callers masked) to a stream or to Blob <c>exports/</c>. Records flow from the table query
/// pages through the writer without being collected, so memory does not grow with the export's size.
/// </summary>
public sealed class ExportService(
    IPerformanceDataSource source,
    StorageAccount storage,
    IOptions<InsightsOptions> options,
    TimeProvider time,
    ILogger<ExportService> logger)
{
    public Task<long> WriteAsync(ExportPlan plan, Stream output, CancellationToken cancellationToken = default) =>
        plan.Format == ExportFormat.Csv
            ? CsvExportWriter.WriteAsync(Records(plan, cancellationToken), output, cancellationToken)
            : JsonExportWriter.WriteAsync(Records(plan, cancellationToken), output, cancellationToken);

    /// <summary>
    /// Writes the export to a blob and returns a read-only link. With a shared-key connection (Azurite, or a connection
    /// string) the link is an account-key SAS; with managed identity (Azure, shared keys disabled) it is a user-delegation
    /// SAS signed with a key the identity obtains, so no account key is ever needed.
    /// </summary>
    public async Task<ExportLink> WriteToBlobAsync(ExportPlan plan, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var container = storage.Container(options.Value.ExportContainer);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var blobName = $"{now:yyyy/MM/dd}/{Guid.NewGuid():N}.{plan.Extension}";
        var blob = container.GetBlobClient(blobName);
        long records;
        await using (var stream = await blob.OpenWriteAsync(
            overwrite: true,
            new Azure.Storage.Blobs.Models.BlobOpenWriteOptions
            {
                HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = plan.ContentType, ContentDisposition = $"attachment; filename=\"{plan.FileName}\"" },
                BufferSize = 4 * 1024 * 1024,
            },
            cancellationToken))
        {
            records = await WriteAsync(plan, stream, cancellationToken);
        }

        var expires = now.AddMinutes(Math.Max(1, options.Value.ExportLinkMinutes));
        Uri url;
        string sasKind;
        if (blob.CanGenerateSasUri)
        {
            url = blob.GenerateSasUri(BlobSasPermissions.Read, expires);
            sasKind = "account-key";
        }
        else
        {
            var key = await storage.Blobs.GetUserDelegationKeyAsync(now.AddMinutes(-5), expires, cancellationToken);
            var sas = new BlobSasBuilder(BlobSasPermissions.Read, expires)
            {
                BlobContainerName = container.Name,
                BlobName = blobName,
                Resource = "b",
                StartsOn = now.AddMinutes(-5),
            };
            url = new Azure.Storage.Blobs.BlobUriBuilder(blob.Uri) { Sas = sas.ToSasQueryParameters(key.Value, storage.Blobs.AccountName) }.ToUri();
            sasKind = "user-delegation";
        }

        logger.LogInformation("Export of {Records} records written to blob {Container}/{Blob}", records, container.Name, blobName);
        return new ExportLink(url, expires, container.Name, blobName, plan.Extension, records, sasKind);
    }

    async IAsyncEnumerable<ExportRecord> Records(ExportPlan plan, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var record in source.ReadRecordsAsync(plan.Window.From, plan.Window.To, plan.Kinds, cancellationToken))
        {
            yield return record.Caller is null ? record : record with { Caller = CallerMask.Mask(record.Caller) };
        }
    }
}
