namespace IvrFunctions.Core.Turns;

/// <summary>The workflow's steps; in the Functions host, also the activity function names.</summary>
public static class TurnStepNames
{
    public const string Transcribe = "TurnTranscribe";
    public const string Answer = "TurnAnswer";
    public const string Synthesize = "TurnSynthesize";
    public const string Finish = "TurnFinish";
}
