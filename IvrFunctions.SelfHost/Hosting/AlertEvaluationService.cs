using IvrFunctions.Core.Insights.Alerts;
using IvrFunctions.Core.Insights.Configuration;
using IvrFunctions.Core.Storage;
using Microsoft.Extensions.Options;

namespace IvrFunctions.SelfHost.Hosting;

/// <summary>Evaluates the alert rules every minute, as the Functions app's timer trigger does.</summary>
sealed class AlertEvaluationService(
    AlertService alerts, StorageProvisioner storage, IOptions<AlertsOptions> options, TimeProvider time, ILogger<AlertEvaluationService> logger)
    : SelfHostTimer(storage, time, logger)
{
    protected override string Job => "Alert evaluation";

    protected override TimeSpan Interval => TimeSpan.FromMinutes(1);

    protected override bool Enabled => options.Value.Enabled;

    protected override Task RunAsync(CancellationToken cancellationToken) => alerts.EvaluateAsync(cancellationToken);
}
