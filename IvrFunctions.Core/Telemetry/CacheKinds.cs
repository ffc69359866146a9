namespace IvrFunctions.Core.Telemetry;

public static class CacheKinds
{
    public const string Response = "response";
    public const string Audio = "audio";
    public const string Session = "session";

    public static readonly IReadOnlyList<string> All = [Response, Audio, Session];
}
