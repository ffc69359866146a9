namespace IvrFunctions.Core.Health;

/// <summary>Which host runs the code (<c>selfhost</c> or <c>functions</c>); registered by each host.</summary>
public sealed record HostInfo(string Name);
