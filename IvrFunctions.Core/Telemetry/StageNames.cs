namespace IvrFunctions.Core.Telemetry;

/// <summary>The components a turn is timed by.</summary>
public static class StageNames
{
    public const string Stt = "stt";
    public const string Retrieval = "retrieval";
    public const string Llm = "llm";
    public const string Rag = "rag";
    public const string Tts = "tts";
    public const string Webhook = "webhook";
    public const string Turn = "turn";

    public static readonly IReadOnlyList<string> All = [Stt, Retrieval, Llm, Rag, Tts, Turn, Webhook];
}
