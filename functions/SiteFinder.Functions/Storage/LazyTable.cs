using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>A table client whose table is created on first use: once per process when that works, again on the next call when it failed.</summary>
public sealed class LazyTable
{
    private readonly RetryingLazy<TableClient> _client;

    public LazyTable(TableServiceClient service, string name)
    {
        ArgumentNullException.ThrowIfNull(service);
        Unchecked = service.GetTableClient(name);
        _client = new(async () =>
        {
            await Unchecked.CreateIfNotExistsAsync();
            return Unchecked;
        });
    }

    /// <summary>
    /// The client without creating the table, for reads to which a missing table is an empty one (a point read
    /// answers 404 either way). A fresh instance's first catalogue read began with the create, a request that
    /// answers 409 and costs the SDK's error path: about 200 ms of the start before the pointer was read.
    /// </summary>
    public TableClient Unchecked { get; }

    public Task<TableClient> GetAsync(CancellationToken cancellationToken) => _client.GetAsync(cancellationToken);

    private const int MaxActionsPerTransaction = 100;
    private const long MaxBodyBytesPerTransaction = 2 * 1024 * 1024;

    /// <summary>Submits actions in transactions of one partition, at most 100 actions and about 2 MiB each, as Table Storage requires.</summary>
    public async Task SubmitBatchedAsync(IEnumerable<(string PartitionKey, TableTransactionAction Action)> actions, CancellationToken cancellationToken)
    {
        var table = await GetAsync(cancellationToken);
        var batches = actions.GroupBy(a => a.PartitionKey, StringComparer.Ordinal).SelectMany(g => Batches(g.Select(a => a.Action)));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch, ct));
    }

    /// <summary>
    /// A transaction body may not pass 4 MiB. 100 site rows at the importer's longest fields in Chinese
    /// do (JSON sends each such character as \uXXXX, 6 bytes), so batches are also cut at 2 MiB by
    /// that worst case; typical rows still go 100 at a time.
    /// </summary>
    private static IEnumerable<List<TableTransactionAction>> Batches(IEnumerable<TableTransactionAction> actions)
    {
        var batch = new List<TableTransactionAction>();
        long bytes = 0;
        foreach (var action in actions)
        {
            var size = WorstCaseBytes(action.Entity);
            if (batch.Count == MaxActionsPerTransaction || (batch.Count > 0 && bytes + size > MaxBodyBytesPerTransaction))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(action);
            bytes += size;
        }

        if (batch.Count > 0)
            yield return batch;
    }

    /// <summary>An upper bound of the entity's bytes in a transaction body: keys, names and values escaped, binary as base64, other values and framing at most 64 bytes each.</summary>
    private static long WorstCaseBytes(ITableEntity entity) =>
        512 + (entity is TableEntity properties ? properties.Sum(p => 64 + (6L * p.Key.Length) + p.Value switch
        {
            string text => 6L * text.Length,
            byte[] binary => (binary.Length + 2) / 3 * 4,
            _ => 0,
        }) : 0);
}
