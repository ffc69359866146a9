namespace IvrFunctions.Core.Turns;

// The small messages passed between the workflow and its steps: references and text, never audio bytes. Each result
// carries its stage's record, so the turn is written once, by Finish, on the happy path.

public sealed record TranscribeStepInput(TurnInput Turn);

public sealed record TranscribeStepResult(string Transcript, double? Confidence, StageRecord Stage);

public sealed record AnswerStepInput(TurnInput Turn, string Question);

public sealed record AnswerStepResult(string Text, bool Found, StageRecord Stage);

public sealed record SynthesizeStepInput(TurnInput Turn, string Text);

public sealed record SynthesizeStepResult(string Container, string BlobName, double DurationSeconds, bool FromCache, StageRecord Stage);

public sealed record FinishStepInput(TurnInput Turn, TurnOutcome Outcome, TurnFacts Facts);

/// <summary>What the turn learned on the way: the stages that completed, and their results.</summary>
public sealed record TurnFacts(
    IReadOnlyList<StageRecord> Stages,
    string? Transcript = null,
    double? TranscriptConfidence = null,
    string? AnswerText = null,
    bool? AnswerFound = null,
    double? AudioDurationSeconds = null,
    bool? AudioFromCache = null)
{
    public static readonly TurnFacts None = new([]);
}
