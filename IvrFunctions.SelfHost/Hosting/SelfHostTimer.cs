using IvrFunctions.Core.Storage;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>
/// The SelfHost's stand-in for a Functions timer trigger: runs <see cref="RunAsync"/> every <see cref="Interval"/> once
/// storage is provisioned (the jobs read tables created at start), the first time after <see cref="FirstRun"/>. A failed
/// run (storage down, a webhook misbehaving) is logged and the next tick tries again.
/// </summary>
abstract class SelfHostTimer(StorageProvisioner storage, TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>Names the job in logs.</summary>
    protected abstract string Job { get; }

    protected abstract TimeSpan Interval { get; }

    protected virtual TimeSpan FirstRun => TimeSpan.Zero;

    protected virtual bool Enabled => true;

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        try
        {
            await storage.Ready.WaitAsync(stoppingToken);
            if (FirstRun > TimeSpan.Zero)
            {
                await Task.Delay(FirstRun, time, stoppingToken);
            }

            using var timer = new PeriodicTimer(Interval, time);
            do
            {
                try
                {
                    await RunAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("{Job} failed ({Error}); retrying in {Interval}", Job, ex.GetBaseException().Message, Interval);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
