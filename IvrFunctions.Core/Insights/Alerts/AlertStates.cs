namespace IvrFunctions.Core.Insights.Alerts;

public static class AlertStates
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";
}
