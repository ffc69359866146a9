using System.Collections.Concurrent;
using IvrFunctions.Core.Errors;

namespace IvrFunctions.Tests.CallFlow.Fakes;

/// <summary>How a fake provider behaves call by call: a latency, and scripted failures or hangs for the next calls.</summary>
public sealed class FakeBehaviour
{
    readonly ConcurrentQueue<Func<CancellationToken, Task>> _next = new();
    readonly ConcurrentQueue<DateTimeOffset> _calls = new();
    int _count;

    public TimeSpan Latency { get; set; }

    /// <summary>Applied after the scripted calls are used up (e.g. fail for ever).</summary>
    public Func<CancellationToken, Task>? Always { get; set; }

    public int Calls => Volatile.Read(ref _count);

    public IReadOnlyList<DateTimeOffset> CallTimes => [.. _calls];

    public FakeBehaviour FailNext(int times, ErrorCategory category, TimeSpan? retryAfter = null)
    {
        for (var i = 0; i < times; i++)
        {
            _next.Enqueue(_ => throw new ClassifiedException(category, $"fake {category}", retryAfter: retryAfter));
        }

        return this;
    }

    public FakeBehaviour HangNext(int times)
    {
        for (var i = 0; i < times; i++)
        {
            _next.Enqueue(Hang);
        }

        return this;
    }

    public static Task Hang(CancellationToken cancellationToken) => Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        _calls.Enqueue(DateTimeOffset.UtcNow);
        if (_next.TryDequeue(out var scripted))
        {
            await scripted(cancellationToken);
            return;
        }

        if (Always is { } always)
        {
            await always(cancellationToken);
            return;
        }

        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, cancellationToken);
        }
    }
}
