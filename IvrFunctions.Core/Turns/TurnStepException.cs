using IvrFunctions.Core.Errors;

namespace IvrFunctions.Core.Turns;

/// <summary>
/// A step that failed for good (its own retries are spent, or the failure is permanent). The message starts with the
/// category code, so the category survives hosts that pass only a type name and a message (Durable failure details).
/// </summary>
public sealed class TurnStepException : ClassifiedException
{
    // Marks, in the message, a step stopped by the turn's deadline, so that too survives a host's failure details.
    const string AtTheDeadline = " at the deadline";

    public TurnStepException(ErrorCategory category, string stage, string detail, Exception? innerException = null, bool deadlinePassed = false)
        : base(category, $"{ErrorCatalog.Describe(category).Code} in {stage}{(deadlinePassed ? AtTheDeadline : string.Empty)}: {detail}", innerException)
    {
        Stage = stage;
        DeadlinePassed = deadlinePassed;
    }

    public string Stage { get; }

    /// <summary>
    /// The step ran out of the turn's time (its last attempt was cut off at the deadline, or it could not start before it):
    /// the turn timed out, whichever of the step and the workflow's deadline timer noticed first.
    /// </summary>
    public bool DeadlinePassed { get; }

    /// <summary>Rebuilds the failure from a host's failure details (type name and message).</summary>
    public static TurnStepException FromFailure(string? errorType, string? message, string step)
    {
        if (errorType == typeof(TurnStepException).FullName && message is not null)
        {
            var space = message.IndexOf(' ', StringComparison.Ordinal);
            var code = space > 0 ? message[..space] : message;
            var category = ErrorCatalog.All.FirstOrDefault(d => d.Code == code)?.Category;
            var rest = space > 0 ? message[(space + 1)..] : string.Empty;
            if (category is { } known && rest.StartsWith("in ", StringComparison.Ordinal) && rest.IndexOf(':', StringComparison.Ordinal) is var colon and > 3)
            {
                var stage = rest[3..colon];
                var deadlinePassed = stage.EndsWith(AtTheDeadline, StringComparison.Ordinal);
                return new TurnStepException(
                    known, deadlinePassed ? stage[..^AtTheDeadline.Length] : stage, rest[(colon + 1)..].Trim(), deadlinePassed: deadlinePassed);
            }
        }

        return new TurnStepException(ErrorCategory.Internal, step, $"{errorType}: {message}");
    }

    /// <summary>Whether the host should run the step again: only for infrastructure failures the step could not classify, or storage.</summary>
    public static bool IsRetryableByHost(string? errorType, string? message, string step)
    {
        if (errorType != typeof(TurnStepException).FullName)
        {
            return true;
        }

        return FromFailure(errorType, message, step).Category == ErrorCategory.Storage;
    }
}
