using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Storage;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Tests.Foundation;

public sealed class StorageRoundTripTests
{
    static async Task<StorageAccount> AccountAsync() =>
        new(Options.Create(new StorageOptions { ConnectionString = await TestAzurite.ConnectionStringAsync() }));

    [Fact]
    public async Task Table_UpsertThenQuery_ReturnsTheEntityWithItsProperties()
    {
        var account = await AccountAsync();
        var table = account.Table(TestAzurite.UniqueName("roundtrip"));
        await table.CreateIfNotExistsAsync();

        var entity = new TableEntity("2026112411", "turn-1") { ["Stage"] = "stt", ["DurationMs"] = 812.5, ["Success"] = true };
        await table.UpsertEntityAsync(entity);
        await table.UpsertEntityAsync(new TableEntity("2026112411", "turn-2") { ["Stage"] = "tts", ["DurationMs"] = 90.0, ["Success"] = false });

        var read = await table.GetEntityAsync<TableEntity>("2026112411", "turn-1");
        Assert.Equal("stt", read.Value.GetString("Stage"));
        Assert.Equal(812.5, read.Value.GetDouble("DurationMs"));
        Assert.True(read.Value.GetBoolean("Success"));

        var failures = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == "2026112411" && e.GetBoolean("Success") == false))
        {
            failures.Add(row.RowKey);
        }

        Assert.Equal(["turn-2"], failures);
    }

    [Fact]
    public async Task Blob_UploadThenDownload_ReturnsTheSameBytesAndContentType()
    {
        var account = await AccountAsync();
        var container = account.Container(TestAzurite.UniqueName("roundtrip"));
        await container.CreateIfNotExistsAsync();
        var bytes = new byte[70_000];
        Random.Shared.NextBytes(bytes);

        var blob = container.GetBlobClient("answers/call-1/turn-1.wav");
        await blob.UploadAsync(new BinaryData(bytes), new Azure.Storage.Blobs.Models.BlobUploadOptions
        {
            HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = "audio/wav" },
        });

        var downloaded = await blob.DownloadContentAsync();
        Assert.Equal(bytes, downloaded.Value.Content.ToArray());
        Assert.Equal("audio/wav", downloaded.Value.Details.ContentType);
    }

    [Fact]
    public async Task Provisioner_RunTwice_CreatesEveryTableAndContainerWithoutError()
    {
        var account = await AccountAsync();
        var provisioner = new StorageProvisioner(account, Microsoft.Extensions.Logging.Abstractions.NullLogger<StorageProvisioner>.Instance);

        await provisioner.EnsureCreatedAsync();
        await provisioner.EnsureCreatedAsync();

        foreach (var table in StorageNames.Tables)
        {
            var found = false;
            await foreach (var item in account.Tables.QueryAsync(t => t.Name == table))
            {
                found = true;
            }

            Assert.True(found, $"table {table} missing");
        }

        foreach (var container in StorageNames.Containers)
        {
            Assert.True((await account.Container(container).ExistsAsync()).Value, $"container {container} missing");
        }
    }
}
