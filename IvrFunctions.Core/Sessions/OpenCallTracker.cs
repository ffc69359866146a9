using System.Threading.Channels;
using IvrFunctions.Core.Errors;
using IvrFunctions.Core.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IvrFunctions.Core.Sessions;

/// <summary>
/// Counts calls open and closed in the <see cref="OpenCallRegister"/> off the webhooks' path, then records each session
/// event with the count it produced. The register orders every change through one counter for all instances, so a burst
/// of calls starting together would otherwise hold each Exotel acknowledgement behind the others. Events are counted in
/// the order the webhooks queued them; when the queue is full, the register fails or the host stops before an event is
/// counted, the event is recorded without its count (only that concurrency figure is lost, never the event).
/// </summary>
public sealed class OpenCallTracker(OpenCallRegister register, ITelemetry telemetry, ILogger<OpenCallTracker> logger) : BackgroundService
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
                telemetry.RecordSession(session with { OpenCalls = await CountAsync(session) });
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
