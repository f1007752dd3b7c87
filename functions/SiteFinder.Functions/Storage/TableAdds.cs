using Azure;
using Azure.Data.Tables;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// Adding an entity under a fresh random key when the SDK may send the add twice: after a timeout it
/// retries, and the retry of an add that did reach storage meets its own entity (409 EntityAlreadyExists).
/// That is the add succeeding, not a conflict; a 409 from another entity under the key is a conflict.
/// </summary>
public static class TableAdds
{
    /// <summary>
    /// Adds <paramref name="entity"/>; true when it is stored (by this attempt or an earlier one of the
    /// same call, recognised by every property sent being stored as sent), false when another entity
    /// holds the key, so that the caller draws a new one.
    /// </summary>
    public static async Task<bool> AddOnceAsync(this TableClient table, TableEntity entity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(entity);
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var stored = await table.GetEntityIfExistsAsync<TableEntity>(entity.PartitionKey, entity.RowKey, cancellationToken: cancellationToken);
            return stored.HasValue && entity.Keys
                .Where(k => k is not ("odata.etag" or "Timestamp"))
                .All(k => stored.Value!.TryGetValue(k, out var value) && Equals(value, entity[k]));
        }
    }
}
