using System.Runtime.CompilerServices;

namespace IvrFunctions.Core.Telemetry.Storage;

/// <summary>Merges streams that are each in time order into one stream in time order, holding one item per stream.</summary>
public static class TimeOrderedMerge
{
    public static async IAsyncEnumerable<T> MergeAsync<T>(
        IReadOnlyList<IAsyncEnumerable<T>> streams, Func<T, DateTimeOffset> timeOf, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var enumerators = streams.Select(s => s.GetAsyncEnumerator(cancellationToken)).ToList();
        try
        {
            var heads = new PriorityQueue<(IAsyncEnumerator<T> Source, int Order), (DateTimeOffset, int)>();
            for (var i = 0; i < enumerators.Count; i++)
            {
                if (await enumerators[i].MoveNextAsync())
                {
                    heads.Enqueue((enumerators[i], i), (timeOf(enumerators[i].Current), i));
                }
            }

            while (heads.TryDequeue(out var head, out _))
            {
                yield return head.Source.Current;
                if (await head.Source.MoveNextAsync())
                {
                    heads.Enqueue(head, (timeOf(head.Source.Current), head.Order));
                }
            }
        }
        finally
        {
            foreach (var enumerator in enumerators)
            {
                await enumerator.DisposeAsync();
            }
        }
    }
}
