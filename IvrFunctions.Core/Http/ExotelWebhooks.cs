using System.Globalization;
using IvrFunctions.Core.Configuration;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Exotel;
using IvrFunctions.Core.Sessions;
using IvrFunctions.Core.Storage;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Http;

/// <summary>
/// What each Exotel webhook does, for both hosts. Passthru webhooks answer only 200 or 302 and the Greeting URL only
/// 200 text/plain, whatever arrives: bad input is logged and classified (<see cref="ErrorCategory.WebhookInput"/>),
/// never a 5xx.
/// </summary>
public sealed class ExotelWebhooks(
    SessionStore sessions,
    OpenCallTracker openCalls,
    TurnStore turns,
    TurnWaiter waiter,
    TurnSteps steps,
    RecordingUrlPolicy recordingPolicy,
    AnswerAudioUrls audioUrls,
    ITelemetry telemetry,
    IOptions<IvrOptions> ivr,
    IOptions<TurnsOptions> turnOptions,
    TimeProvider time,
    ILogger<ExotelWebhooks> logger)
{
    static readonly IResult Ok = Results.StatusCode(StatusCodes.Status200OK);
    static readonly IResult Found = Results.StatusCode(StatusCodes.Status302Found);

    string DefaultLanguage => ivr.Value.DefaultLanguage;

    /// <summary><c>exotel/incoming</c>: opens or refreshes the call session. Always 200.</summary>
    public Task<IResult> IncomingAsync(HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync("incoming", request, Ok, async p =>
        {
            if (!CallSids.IsValid(p.CallSid))
            {
                return Refuse("incoming", p, "CallSid missing or malformed", Ok);
            }

            await OpenSessionAsync(p, cancellationToken);
            return Ok;
        });

    /// <summary><c>exotel/question</c>: accepts the recording and starts its turn (once, however often it is delivered). 200, or 302 when no turn can start.</summary>
    public Task<IResult> QuestionAsync(HttpRequest request, ITurnStarter starter, CancellationToken cancellationToken) =>
        HandleAsync("question", request, Found, async p =>
        {
            if (!CallSids.IsValid(p.CallSid))
            {
                return Refuse("question", p, "CallSid missing or malformed", Found);
            }

            var recording = recordingPolicy.Check(p.RecordingUrl, out var reason);
            if (recording is null)
            {
                return Refuse("question", p, reason!, Found);
            }

            var callSid = p.CallSid!;
            var session = await OpenSessionAsync(p, cancellationToken);
            var now = time.GetUtcNow();
            var input = new TurnInput(
                TurnIds.For(callSid, recording.AbsoluteUri),
                callSid,
                recording.AbsoluteUri,
                session.Language,
                now,
                now.AddSeconds(turnOptions.Value.DeadlineSeconds));
            if (!await turns.CreateAsync(input, cancellationToken))
            {
                logger.LogInformation("Turn {TurnId} already accepted; duplicate question webhook ignored", input.TurnId);
                return Ok;
            }

            if (await TryStartAsync(starter, input, cancellationToken))
            {
                return Ok;
            }

            var outcome = new TurnOutcome(TurnOutcomeKind.Fallback, TurnPrompts.Apology(input.Language), Error: ErrorCategory.Internal, ErrorStage: "start");
            await steps.FinishAsync(new FinishStepInput(input, outcome, TurnFacts.None), CancellationToken.None);
            return Found;
        });

    /// <summary><c>exotel/answer-ready</c>: 200 once the call's latest turn has an answer or fallback; 302 while it is working.</summary>
    public Task<IResult> AnswerReadyAsync(HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync("answer-ready", request, Ok, async p =>
        {
            if (!CallSids.IsValid(p.CallSid))
            {
                // Nothing can become ready for an unknown call: let the flow go on to the answer, which asks again.
                return Refuse("answer-ready", p, "CallSid missing or malformed", Ok);
            }

            var turn = await waiter.WaitForLatestAsync(p.CallSid!, TimeSpan.FromSeconds(turnOptions.Value.ReadyWaitSeconds), cancellationToken);
            return turn is null || turn.IsCompleted || turn.IsStuck(time.GetUtcNow()) ? Ok : Found;
        });

    /// <summary><c>exotel/answer</c>: text/plain, the answer's audio URL, or text Exotel speaks.</summary>
    public async Task<IResult> AnswerAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (HttpMethods.IsHead(request.Method))
        {
            // Exotel checks the Content-Type with HEAD first: same headers, no body, no waiting.
            return new ExotelTextResult(string.Empty);
        }

        return await HandleAsync("answer", request, new ExotelTextResult(TurnPrompts.Apology(DefaultLanguage)), async p =>
        {
            if (!CallSids.IsValid(p.CallSid))
            {
                return Refuse("answer", p, "CallSid missing or malformed", new ExotelTextResult(TurnPrompts.CouldNotHear(DefaultLanguage)));
            }

            var turn = await waiter.WaitForLatestAsync(p.CallSid!, TimeSpan.FromSeconds(turnOptions.Value.AnswerWaitSeconds), cancellationToken);
            if (turn is null)
            {
                var session = await sessions.GetAsync(p.CallSid!, cancellationToken);
                return new ExotelTextResult(TurnPrompts.CouldNotHear(session?.Language ?? DefaultLanguage));
            }

            if (turn.Outcome is { } outcome)
            {
                return outcome.Kind == TurnOutcomeKind.Audio && outcome.AudioBlob is not null
                    ? new ExotelTextResult(audioUrls.Create(turn.TurnId, $"{request.Scheme}://{request.Host}"))
                    : new ExotelTextResult(outcome.SpokenText);
            }

            return new ExotelTextResult(turn.IsStuck(time.GetUtcNow()) ? TurnPrompts.Apology(turn.Language) : TurnPrompts.Hold(turn.Language));
        });
    }

    /// <summary><c>exotel/status</c>: closes the session with its status, duration and billed pulses. Always 200.</summary>
    public Task<IResult> StatusAsync(HttpRequest request, CancellationToken cancellationToken) =>
        HandleAsync("status", request, Ok, async p =>
        {
            if (!CallSids.IsValid(p.CallSid))
            {
                return Refuse("status", p, "CallSid missing or malformed", Ok);
            }

            var callSid = p.CallSid!;
            // A call we never saw start (its incoming webhook was lost) is opened first, so starts and ends stay paired.
            var session = await sessions.ReadAsync(callSid, cancellationToken) ?? await OpenSessionAsync(p, cancellationToken);
            if (session.Closed)
            {
                logger.LogInformation("Call {CallSid} already closed; repeated status callback ignored", callSid);
                return Ok;
            }

            var now = time.GetUtcNow();
            // An async Passthru at the end of the flow reports the call as still in progress: it is ending normally.
            var status = p["Status"] ?? p["CallStatus"] ?? "completed";
            status = string.Equals(status, "in-progress", StringComparison.OrdinalIgnoreCase) ? "completed" : status;
            var duration = CallDuration(p) ?? Math.Max(0, (now - session.StartedAt).TotalSeconds);
            var pulses = duration > 0 ? (int)Math.Ceiling(duration / 60) : 0;
            await sessions.WriteAsync(
                session with { Closed = true, EndedAt = now, CallStatus = status, DurationSeconds = duration, BilledPulses = pulses },
                cancellationToken);
            // Counted off the open calls, its turns counted, and recorded in the background once the session is closed (the
            // status callback comes as the call ends, when storage is busiest); a callback retried after a failed write
            // counts the end then.
            openCalls.Track(new SessionEvent(SessionEventKind.Ended, callSid, session.CallerNumber, session.Language, status,
                duration, pulses, Success: string.Equals(status, "completed", StringComparison.OrdinalIgnoreCase)));
            return Ok;
        });

    async Task<IResult> HandleAsync(string route, HttpRequest request, IResult onFailure, Func<ExotelParameters, Task<IResult>> handle)
    {
        ExotelParameters? parameters = null;
        IStageTimer? timer = null;
        try
        {
            parameters = await ExotelParameters.ReadAsync(request, request.HttpContext.RequestAborted);
            timer = telemetry.StartStage(StageNames.Webhook, new TelemetryContext(CallSids.IsValid(parameters.CallSid) ? parameters.CallSid : null, null));
            timer.SetProvider("exotel", route);
            var result = await handle(parameters);
            timer.Succeed();
            return result;
        }
        catch (Exception ex)
        {
            var category = ex switch
            {
                ClassifiedException classified => classified.Category,
                OperationCanceledException => ErrorCategory.Timeout,
                _ when StorageFailures.IsStorageFailure(ex) => ErrorCategory.Storage,
                _ => ErrorCategory.Internal,
            };
            timer?.Fail(category, ex.Message);
            telemetry.RecordError(new ErrorOccurrence(category, StageNames.Webhook, new TelemetryContext(parameters?.CallSid, null), $"{route}: {ex.Message}"));
            logger.LogError(ex, "Exotel {Route} webhook failed ({Category}); answered with the safe response", route, category);
            return onFailure;
        }
        finally
        {
            timer?.Dispose();
        }
    }

    IResult Refuse(string route, ExotelParameters p, string reason, IResult response)
    {
        var callSid = CallSids.IsValid(p.CallSid) ? p.CallSid : null;
        telemetry.RecordError(new ErrorOccurrence(ErrorCategory.WebhookInput, StageNames.Webhook, new TelemetryContext(callSid, null), $"{route}: {reason}"));
        logger.LogWarning("Exotel {Route} webhook refused: {Reason} (CallSid {CallSid})", route, reason, callSid ?? "invalid");
        return response;
    }

    async Task<CallSession> OpenSessionAsync(ExotelParameters p, CancellationToken cancellationToken)
    {
        var chosen = CallLanguages.FromDigits(p.Digits);
        var (session, created) = await sessions.OpenAsync(
            p.CallSid!, PhoneNumbers.Normalize(p.From), PhoneNumbers.Normalize(p.To), chosen, DefaultLanguage, cancellationToken);
        if (created)
        {
            openCalls.Track(new SessionEvent(SessionEventKind.Started, session.CallSid, session.CallerNumber, session.Language));
        }

        return session;
    }

    async Task<bool> TryStartAsync(ITurnStarter starter, TurnInput input, CancellationToken cancellationToken)
    {
        try
        {
            if (await starter.StartAsync(input, cancellationToken))
            {
                return true;
            }

            logger.LogWarning("Turn {TurnId} could not start: the turn engine is at capacity", input.TurnId);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Turn {TurnId} could not start", input.TurnId);
        }

        telemetry.RecordError(new ErrorOccurrence(ErrorCategory.Internal, StageNames.Turn, new TelemetryContext(input.CallSid, input.TurnId, input.Language), "turn could not start"));
        return false;
    }

    /// <summary>
    /// Seconds the call lasted: the StatusCallback's <c>ConversationDuration</c>; else <c>StartTime</c> to <c>EndTime</c>, or
    /// to <c>CurrentTime</c> inside a flow, where EndTime is a constant placeholder.
    /// </summary>
    static double? CallDuration(ExotelParameters p)
    {
        foreach (var name in new[] { "ConversationDuration", "Duration", "CallDuration" })
        {
            if (double.TryParse(p[name], NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return seconds;
            }
        }

        if (Timestamp(p["StartTime"]) is not { } start)
        {
            return null;
        }

        var end = Timestamp(p["EndTime"]) is { } ended && ended > start ? ended : Timestamp(p["CurrentTime"]);
        return end > start ? (end.Value - start).TotalSeconds : null;
    }

    static DateTime? Timestamp(string? value) =>
        DateTime.TryParseExact(value, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year > 2000
            ? parsed
            : null;
}
