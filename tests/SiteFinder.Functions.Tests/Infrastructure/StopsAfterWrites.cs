using Azure;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// A client of an Azurite table whose entity writes stop after the first few, as a publisher that
/// crashes, times out or is shut down part-way: once the allowed writes are done, further writes
/// fail, or the given cancellation fires.
/// </summary>
public sealed class StopsAfterWrites(string table, int writes, CancellationTokenSource? cancel) : TableClient(Azurite.ConnectionString, table)
{
    private readonly TaskCompletionSource _allowedWritesDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;
    private int _done;

    public override async Task<Response> UpsertEntityAsync<T>(T entity, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _started) <= writes)
        {
            var response = await base.UpsertEntityAsync(entity, mode, cancellationToken);
            if (Interlocked.Increment(ref _done) == writes)
                _allowedWritesDone.SetResult();
            return response;
        }

        await _allowedWritesDone.Task;
        if (cancel is null)
            throw new RequestFailedException(503, "Injected failure of a part write.");

        await cancel.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        throw new InvalidOperationException("The publish did not pass its cancellation token to the part writes.");
    }

    /// <summary>A service client that hands this client out for every table, so that a store built on a service writes through it.</summary>
    public TableServiceClient AsService() => new OneTableService(this);

    private sealed class OneTableService(TableClient table) : TableServiceClient(Azurite.ConnectionString)
    {
        public override TableClient GetTableClient(string tableName) => table;
    }
}
