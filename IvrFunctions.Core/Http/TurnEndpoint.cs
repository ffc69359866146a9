using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Exotel;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Turns;
using Microsoft.AspNetCore.Http;

namespace IvrFunctions.Core.Http;

/// <summary>
/// <c>GET /api/turns/{turnId}</c> (key required): the turn with its stages, transcript, answer and outcome. A turn still
/// <c>running</c> past its deadline and grace shows as <c>unfinished</c>: the call flow no longer waits for it.
/// </summary>
public static class TurnEndpoint
{
    public const string Route = "turns/{turnId}";

    public static async Task<IResult> HandleAsync(
        string turnId, HttpRequest request, TurnStore turns, SessionStore sessions, AnswerAudioUrls audioUrls, TimeProvider time, CancellationToken cancellationToken)
    {
        var turn = await turns.GetAsync(turnId, cancellationToken);
        if (turn is null)
        {
            return Results.Problem(title: "Turn not found", detail: $"No turn with id '{turnId}'.", statusCode: StatusCodes.Status404NotFound);
        }

        var session = await sessions.GetAsync(turn.CallSid, cancellationToken);
        var outcome = turn.Outcome;
        return Results.Json(new TurnView(
            turn.TurnId,
            turn.CallSid,
            PhoneNumbers.Mask(session?.CallerNumber),
            turn.Language,
            turn.IsStuck(time.GetUtcNow()) ? TurnStatuses.Unfinished : turn.Status,
            turn.AcceptedAt,
            turn.Deadline,
            turn.CompletedAt,
            turn.TotalMs,
            [.. turn.Stages.Select(s => new StageView(s.Name, s.StartedAt, s.DurationMs, s.Attempts, s.Succeeded, Code(s.Error), s.Provider, s.Model))],
            turn.Transcript,
            turn.AnswerText,
            turn.AnswerFound,
            outcome?.Kind.ToString(),
            outcome?.SpokenText,
            outcome is { Kind: TurnOutcomeKind.Audio, AudioBlob: not null } ? audioUrls.Create(turn.TurnId, $"{request.Scheme}://{request.Host}") : null,
            turn.AudioDurationSeconds,
            turn.AudioFromCache,
            Code(outcome?.Error),
            outcome?.ErrorStage,
            outcome?.TimedOut ?? false));
    }

    static string? Code(ErrorCategory? category) => category is { } c ? ErrorCatalog.Describe(c).Code : null;
}
