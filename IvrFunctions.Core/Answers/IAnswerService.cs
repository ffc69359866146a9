using IvrFunctions.Core.Telemetry;

namespace IvrFunctions.Core.Answers;

/// <summary>Retrieval-augmented answers, through the response cache. Failures are thrown as <see cref="Errors.ClassifiedException"/>.</summary>
public interface IAnswerService
{
    Task<Answer> AnswerAsync(string question, string language, TelemetryContext context, CancellationToken cancellationToken = default);
}
