using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Azure.Data.Tables;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>
/// One segment being read: its pages of chunk rows are fetched (each fetch waits for a free slot of the shared gate, so only
/// so many queries are in flight), each partition's records sorted into time order (<see cref="PartitionRecordOrder"/>) and
/// put in a bounded channel, so a segment read ahead holds at most one page of records, one partition and the page being
/// received, however many records it turns out to hold.
/// </summary>
sealed class RecordSegmentRead
{
    readonly Channel<TelemetryRecord> _channel;

    RecordSegmentRead(int capacity)
    {
        _channel = Channel.CreateBounded<TelemetryRecord>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        Completion = Task.CompletedTask;
    }

    public ChannelReader<TelemetryRecord> Records => _channel.Reader;

    /// <summary>Ends when every page is in the channel; faults (and completes the channel with the same error) when a query fails.</summary>
    public Task Completion { get; private set; }

    public static RecordSegmentRead Start(
        TableClient records, RecordSegment segment, SemaphoreSlim gate, int capacity, CancellationToken cancellationToken) =>
        Start(TelemetryReader.ReadChunkRowsAsync(records, TelemetryReader.RecordFilter(segment.Kind, segment.From, segment.To), segment.From, segment.To,
            gate, cancellationToken), capacity, cancellationToken);

    /// <summary>A kind's part of a quiet hour read for every kind at once (<see cref="QuietHourReads"/>).</summary>
    public static RecordSegmentRead FromQuietHour(Task<IReadOnlyList<TelemetryRecord>> records, int capacity, CancellationToken cancellationToken) =>
        Start(RecordsOfAsync(records, cancellationToken), capacity, cancellationToken);

    /// <summary>Waits for the read to stop (after cancellation), ignoring how it ended.</summary>
    public async Task WaitQuietlyAsync()
    {
        try
        {
            await Completion;
        }
        catch (Exception)
        {
            // Cancelled or failed: either way it has stopped, and the consumer has already seen any failure it read.
        }
    }

    static RecordSegmentRead Start(IAsyncEnumerable<TelemetryRecord> source, int capacity, CancellationToken cancellationToken)
    {
        var read = new RecordSegmentRead(capacity);
        read.Completion = Task.Run(() => read.FillAsync(source, cancellationToken), CancellationToken.None);
        return read;
    }

    static async IAsyncEnumerable<TelemetryRecord> RecordsOfAsync(Task<IReadOnlyList<TelemetryRecord>> records,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var record in await records.WaitAsync(cancellationToken))
        {
            yield return record;
        }
    }

    async Task FillAsync(IAsyncEnumerable<TelemetryRecord> source, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var record in source.WithCancellation(cancellationToken))
            {
                await _channel.Writer.WriteAsync(record, cancellationToken);
            }

            _channel.Writer.TryComplete();
        }
        catch (Exception ex)
        {
            _channel.Writer.TryComplete(ex);
            throw;
        }
    }
}
