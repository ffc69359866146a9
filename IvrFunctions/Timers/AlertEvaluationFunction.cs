using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Timers;

/// <summary>Evaluates the alert rules every minute (the SelfHost runs the same evaluation from a background service).</summary>
public sealed class AlertEvaluationFunction(AlertService alerts, IOptions<AlertsOptions> options)
{
    [Function("AlertEvaluation")]
    public async Task Run([TimerTrigger("0 * * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            await alerts.EvaluateAsync(cancellationToken);
        }
    }
}
