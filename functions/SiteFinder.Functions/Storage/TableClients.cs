using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>A table client whose table is created on first use: once per process when that works, again on the next call when it failed.</summary>
public sealed class LazyTable(TableServiceClient service, string name)
{
    private readonly RetryingLazy<TableClient> _client = new(async () =>
    {
        var client = service.GetTableClient(name);
        await client.CreateIfNotExistsAsync().ConfigureAwait(false);
        return client;
    });

    public Task<TableClient> GetAsync(CancellationToken cancellationToken) => _client.GetAsync(cancellationToken);

    /// <summary>Submits actions in transactions of at most 100, one partition each, as Table Storage requires.</summary>
    public async Task SubmitBatchedAsync(IEnumerable<(string PartitionKey, TableTransactionAction Action)> actions, CancellationToken cancellationToken)
    {
        var table = await GetAsync(cancellationToken).ConfigureAwait(false);
        var batches = actions.GroupBy(a => a.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Select(a => a.Action).Chunk(100));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
