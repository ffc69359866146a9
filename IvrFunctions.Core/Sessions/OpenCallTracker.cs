using System.Threading.Channels;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using IvrFunctions.Core.Turns;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Sessions;

/// <summary>
/// Completes session events off the webhooks' path, then records them: counts each call open or closed in the
/// <see cref="OpenCallRegister"/> (which orders every change through one counter for all instances, so a burst of calls
/// starting together would otherwise hold each Exotel acknowledgement behind the others), and counts an ended call's turns.
/// Events are handled in the order the webhooks queued them; when the queue is full, storage fails or the host stops first,
/// the event is recorded without what is missing (only that figure is lost, never the event).
/// </summary>
public sealed class OpenCallTracker(OpenCallRegister register, TurnStore turns, ITelemetry telemetry, ILogger<OpenCallTracker> logger) : BackgroundService
{
    const int Capacity = 10_000;
    static readonly TimeSpan DrainAtStop = TimeSpan.FromSeconds(5);

    readonly Channel<SessionEvent> _queue = Channel.CreateBounded<SessionEvent>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    readonly CancellationTokenSource _stopCounting = new();
    int _waiting;

    /// <summary>Events queued and not yet recorded.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Queues a <see cref="SessionEventKind.Started"/> or <see cref="SessionEventKind.Ended"/> event to be counted and recorded.</summary>
    public void Track(SessionEvent session)
    {
        Interlocked.Increment(ref _waiting);
        if (_queue.Writer.TryWrite(session))
        {
            return;
        }

        Interlocked.Decrement(ref _waiting);
        logger.LogWarning("Open-call queue full or stopped: call {CallSid} {Kind} recorded without a concurrency count", session.CallSid, session.Kind);
        telemetry.RecordSession(session);
    }

    /// <summary>Completes once every event queued so far has been recorded.</summary>
    public async Task WhenRecordedAsync(CancellationToken cancellationToken = default)
    {
        while (Waiting > 0)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10), cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Reads until StopAsync completes the queue, so what was queued before the stop is still counted (within DrainAtStop).
        await foreach (var session in _queue.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                telemetry.RecordSession(session with { OpenCalls = await CountAsync(session), Turns = session.Turns ?? await TurnsOfAsync(session) });
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        _stopCounting.CancelAfter(DrainAtStop);
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _stopCounting.Dispose();
        base.Dispose();
    }

    async Task<int?> TurnsOfAsync(SessionEvent session)
    {
        if (session.Kind != SessionEventKind.Ended)
        {
            return null;
        }

        try
        {
            return await turns.CountAsync(session.CallSid, _stopCounting.Token);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Call {CallSid}: its turns could not be counted for its session record", session.CallSid);
            return null;
        }
    }

    async Task<OpenCallCount?> CountAsync(SessionEvent session)
    {
        try
        {
            return session.Kind == SessionEventKind.Started
                ? await register.OpenAsync(session.CallSid, _stopCounting.Token)
                : await register.CloseAsync(session.CallSid, _stopCounting.Token);
        }
        catch (Exception ex)
        {
            telemetry.RecordError(new ErrorOccurrence(ErrorCategory.Storage, StageNames.Webhook, new TelemetryContext(session.CallSid, null),
                $"open-call register: {ex.Message}"));
            logger.LogWarning(ex, "Call {CallSid} could not be counted in the open-call register", session.CallSid);
            return null;
        }
    }
}
