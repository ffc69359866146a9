using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using IvrFunctions.Core.Configuration;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Storage;

/// <summary>The Table and Blob service clients for the configured storage account (connection string or managed identity).</summary>
public sealed class StorageAccount
{
    public StorageAccount(IOptions<StorageOptions> options)
        : this(options.Value, credential: null, transport: null)
    {
    }

    /// <summary>
    /// With the identity-based form, signs in with <paramref name="credential"/> instead of the managed identity (tests stand
    /// in for it this way); <paramref name="transport"/> replaces the HTTP transport of both clients (a test's TLS trust).
    /// </summary>
    internal StorageAccount(StorageOptions storage, TokenCredential? credential, HttpPipelineTransport? transport)
    {
        var tableOptions = new TableClientOptions();
        var blobOptions = new BlobClientOptions();
        ConfigureRetries(tableOptions.Retry);
        ConfigureRetries(blobOptions.Retry);
        if (transport is not null)
        {
            tableOptions.Transport = transport;
            blobOptions.Transport = transport;
        }

        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            Tables = new TableServiceClient(storage.ConnectionString, tableOptions);
            Blobs = new BlobServiceClient(storage.ConnectionString, blobOptions);
        }
        else
        {
            credential ??= string.IsNullOrWhiteSpace(storage.ClientId)
                ? new DefaultAzureCredential()
                : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(storage.ClientId));
            Tables = new TableServiceClient(storage.TableServiceUri!, credential, tableOptions);
            Blobs = new BlobServiceClient(storage.BlobServiceUri!, credential, blobOptions);
        }
    }

    public TableServiceClient Tables { get; }

    public BlobServiceClient Blobs { get; }

    public TableClient Table(string name) => Tables.GetTableClient(name);

    public BlobContainerClient Container(string name) => Blobs.GetBlobContainerClient(name);

    // Short, bounded retries: callers on the call path have their own deadlines, and background writers retry on their own schedule.
    static void ConfigureRetries(RetryOptions retry)
    {
        retry.MaxRetries = 2;
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(15);
    }
}
