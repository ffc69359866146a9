using System.Threading.Channels;
using Microsoft.Extensions.Options;

namespace IvrFunctions.Core.Telemetry;

/// <summary>
/// The bounded in-process queue between capture and the flusher. Adding never blocks: when the buffer is full (storage
/// down for long enough) the record is dropped and counted; <see cref="DroppedRecords"/> is the running total (also the
/// <c>ivr.telemetry.records.dropped</c> counter, and persisted as the <c>internal/dropped</c> rollup once storage is back).
/// </summary>
public sealed class TelemetryBuffer
{
    readonly Channel<TelemetryRecord> _channel;
    readonly TelemetryInstruments _instruments;
    long _dropped;
    long _droppedUnreported;

    public TelemetryBuffer(IOptions<TelemetryOptions> options, TelemetryInstruments instruments)
    {
        Capacity = options.Value.BufferCapacity;
        _instruments = instruments;
        _channel = Channel.CreateBounded<TelemetryRecord>(new BoundedChannelOptions(Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails at once instead of evicting, so drops can be counted
            SingleReader = true,
            SingleWriter = false,
            AllowSynchronousContinuations = false,
        });
    }

    public int Capacity { get; }

    /// <summary>Records waiting to be flushed.</summary>
    public int Count => _channel.Reader.Count;

    /// <summary>Records dropped since start because the buffer was full.</summary>
    public long DroppedRecords => Interlocked.Read(ref _dropped);

    internal ChannelReader<TelemetryRecord> Reader => _channel.Reader;

    /// <summary>Queues a record without waiting; false (and counted) when the buffer is full.</summary>
    public bool TryAdd(TelemetryRecord record)
    {
        if (_channel.Writer.TryWrite(record))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        Interlocked.Increment(ref _droppedUnreported);
        _instruments.DroppedRecords.Add(1);
        return false;
    }

    /// <summary>Drops counted since the last call (the flusher persists them).</summary>
    internal long TakeUnreportedDrops() => Interlocked.Exchange(ref _droppedUnreported, 0);
}
