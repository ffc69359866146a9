namespace IvrFunctions.Core.Insights.Alerts;

/// <summary>One rule's verdict on one subject at one evaluation: firing or not, with the value that decided it.</summary>
public sealed record AlertCondition(
    string Rule,
    string? Subject,
    string Severity,
    bool Firing,
    double? Value,
    double Threshold,
    string Unit,
    string Message,
    string Suggestion)
{
    /// <summary>Identity of the alert across evaluations: rule plus subject.</summary>
    public string Key => Subject is null ? Rule : $"{Rule}|{Subject}";
}
