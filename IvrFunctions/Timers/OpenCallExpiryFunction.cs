using IvrFunctions.Core.Sessions;
using Microsoft.Azure.Functions.Worker;

namespace IvrFunctions.Timers;

/// <summary>
/// Every five minutes, takes calls open longer than <see cref="OpenCallRegister.MaxCallDuration"/> (their status callback
/// was lost) off the open-call count; the SelfHost runs the same from a background service.
/// </summary>
public sealed class OpenCallExpiryFunction(OpenCallRegister openCalls)
{
    [Function("OpenCallExpiry")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        openCalls.ExpireAsync(cancellationToken);
}
