using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Takes calls whose end never arrived off the open-call count every 5 minutes, as the Functions app's <c>OpenCallExpiry</c> timer does.</summary>
sealed class OpenCallExpiryService(OpenCallRegister openCalls, StorageProvisioner storage, TimeProvider time, ILogger<OpenCallExpiryService> logger)
    : SelfHostTimer(storage, time, logger)
{
    protected override string Job => "Open-call expiry";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(5);

    protected override Task RunAsync(CancellationToken cancellationToken) => openCalls.ExpireAsync(cancellationToken);
}
