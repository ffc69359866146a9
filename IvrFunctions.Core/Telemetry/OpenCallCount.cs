namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// How many calls were in progress, across every instance, right after a call was counted open or closed: the value the
/// shared open-call register in storage (<c>Sessions.OpenCallRegister</c>) held after that change. <paramref name="Sequence"/>
/// numbers the register's changes (1, 2, ...) in the order storage applied them, so events seen by different instances
/// still order exactly; <paramref name="At"/> is when the change was made.
/// </summary>
public sealed record OpenCallCount(long Open, long Sequence, DateTimeOffset At);
