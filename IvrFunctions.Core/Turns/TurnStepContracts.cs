namespace IvrFunctions.Core.Turns;

// The small messages passed between the workflow and its steps: references and text, never audio bytes.

public sealed record TranscribeStepInput(TurnInput Turn);

public sealed record TranscribeStepResult(string Transcript, double? Confidence);

public sealed record AnswerStepInput(TurnInput Turn, string Question);

public sealed record AnswerStepResult(string Text, bool Found);

public sealed record SynthesizeStepInput(TurnInput Turn, string Text);

public sealed record SynthesizeStepResult(string Container, string BlobName, double DurationSeconds, bool FromCache);

public sealed record FinishStepInput(TurnInput Turn, TurnOutcome Outcome);
