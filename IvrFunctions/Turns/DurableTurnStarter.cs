using IvrFunctions.Core.Turns;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace IvrFunctions.Turns;

/// <summary>Schedules <see cref="TurnOrchestrator"/> with the turn id as instance id; a turn already scheduled is left alone.</summary>
public sealed class DurableTurnStarter(DurableTaskClient client) : ITurnStarter
{
    public async ValueTask<bool> StartAsync(TurnInput input, CancellationToken cancellationToken)
    {
        if (await client.GetInstanceAsync(input.TurnId, false, cancellationToken) is not null)
        {
            return true;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                new TaskName(nameof(TurnOrchestrator)), input, new StartOrchestrationOptions { InstanceId = input.TurnId }, cancellationToken);
            return true;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Another request may have scheduled the same turn between the check and the schedule: then it is a duplicate.
            if (await client.GetInstanceAsync(input.TurnId, false, CancellationToken.None) is not null)
            {
                return true;
            }

            throw;
        }
    }
}
