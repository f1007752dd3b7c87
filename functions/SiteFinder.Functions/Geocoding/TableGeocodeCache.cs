using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// The geocode cache in the GeocodeCache table: one row per key (PartitionKey = the hash's first two hex
/// digits, RowKey = the hash), the candidates as JSON and the time they were stored. Expired rows are
/// not read and are overwritten by the next answer for the same query. A storage outage makes the
/// geocoder call Azure Maps instead: a resident's lookup must not fail because the cache did.
/// </summary>
public sealed partial class TableGeocodeCache(
    TableServiceClient service,
    IOptions<SiteTablesOptions> tables,
    IOptions<AzureMapsSettings> settings,
    TimeProvider clock,
    ILogger<TableGeocodeCache> logger) : IGeocodeCache
{
    /// <summary>A string property holds at most 32K UTF-16 characters; 20 candidates take a few thousand.</summary>
    private const int MaxJsonChars = 30_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly LazyTable _table = new(service, tables.Value.GeocodeCache);

    private TimeSpan Ttl => TimeSpan.FromDays(settings.Value.CacheTtlDays);

    public async Task<IReadOnlyList<GeocodeCandidate>?> GetAsync(GeocodeCacheKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Ttl <= TimeSpan.Zero)
            return null;
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var row = await table.GetEntityIfExistsAsync<TableEntity>(key.PartitionKey, key.RowKey, ["Candidates", "StoredAt"], cancellationToken);
            if (!row.HasValue || row.Value is not { } entity)
                return null;
            if (entity.GetDateTimeOffset("StoredAt") is not { } storedAt || clock.GetUtcNow() - storedAt >= Ttl)
                return null;
            return entity.GetString("Candidates") is { } json ? JsonSerializer.Deserialize<List<GeocodeCandidate>>(json, Json) : null;
        }
        catch (Exception e) when (StorageErrors.UnavailableKind(e, cancellationToken) is { } kind)
        {
            LogCacheUnavailable(logger, "read", kind);
            return null;
        }
        catch (JsonException)
        {
            // A row written by an older shape of the candidates: a miss, overwritten by the next answer.
            return null;
        }
    }

    public async Task PutAsync(GeocodeCacheKey key, IReadOnlyList<GeocodeCandidate> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(candidates);
        if (Ttl <= TimeSpan.Zero)
            return;
        var json = JsonSerializer.Serialize(candidates, Json);
        if (json.Length > MaxJsonChars)
            return;
        try
        {
            var table = await _table.GetAsync(cancellationToken);
            var entity = new TableEntity(key.PartitionKey, key.RowKey) { ["Candidates"] = json, ["StoredAt"] = clock.GetUtcNow() };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        }
        catch (Exception e) when (StorageErrors.UnavailableKind(e, cancellationToken) is { } kind)
        {
            LogCacheUnavailable(logger, "write", kind);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Geocode cache {Operation} skipped: storage {Kind}")]
    private static partial void LogCacheUnavailable(ILogger logger, string operation, string kind);
}
