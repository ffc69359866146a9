using IvrFunctions.Core.Storage;
using IvrFunctions.SelfHost.Azurite;
using IvrFunctions.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace IvrFunctions.Tests.Foundation;

public sealed class StorageProvisioningTests
{
    [Fact]
    public async Task StorageDownAtStart_ComesUpLater_TablesAndContainersAreCreatedWithoutARestart()
    {
        var settings = new AzuriteSettings(AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), AzuriteProcess.FreePort(), DataFolder: null);
        await using var server = await SelfHostServer.StartAsync(settings.ConnectionString);
        var provisioner = server.Services.GetRequiredService<StorageProvisioner>();
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.False(provisioner.Ready.IsCompleted);

        await using var azurite = await AzuriteProcess.StartAsync(settings);
        await provisioner.Ready.WaitAsync(StorageProvisioningService.RetryInterval * 4);

        var account = server.Services.GetRequiredService<StorageAccount>();
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
