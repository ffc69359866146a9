using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>
/// Takes calls whose end never arrived off the open-call count, every <see cref="Interval"/>, as the Functions app's
/// <c>OpenCallExpiry</c> timer does.
/// </summary>
sealed class OpenCallExpiryService(OpenCallRegister openCalls, StorageProvisioner storage, TimeProvider time, ILogger<OpenCallExpiryService> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await storage.Ready.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await openCalls.ExpireAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning("Open-call expiry failed ({Error}); retrying in {Interval}", ex.GetBaseException().Message, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
