namespace IvrFunctions.Core.Telemetry;

/// <summary>What ties a record to its call and turn. Never holds a caller's number.</summary>
public sealed record TelemetryContext(string? CallSid, string? TurnId, string? Language = null)
{
    public static readonly TelemetryContext None = new(null, null);
}
