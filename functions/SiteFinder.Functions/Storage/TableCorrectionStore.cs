using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Corrections;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Storage;

/// <summary>What the moderation queue is asked for: one district (null: the city), and optional state, kind and site.</summary>
public sealed record CorrectionFilter(string? District, CorrectionState? State, CorrectionKind? Kind, string? SiteId);

public interface ICorrectionStore
{
    Task AddAsync(Correction correction, CancellationToken cancellationToken);

    /// <summary>One correction by id, in the district when it is known (a district operator's), else found across districts.</summary>
    Task<Correction?> GetAsync(string? district, string id, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> corrections that pass the filter, newest first.</summary>
    Task<IReadOnlyList<Correction>> ListAsync(CorrectionFilter filter, int max, CancellationToken cancellationToken);

    /// <summary>The site's corrections received since an instant (the rule that puts a site in doubt reads the last hour).</summary>
    Task<IReadOnlyList<Correction>> OfSiteSinceAsync(string district, string siteId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Stores decisions (corrections of one district, as one group is), each only over the version it
    /// was read at; false, and nothing of its transaction written, when another decision came first.
    /// Decisions without a version (a revert) are written whatever the stored one.
    /// </summary>
    Task<bool> DecideAsync(IReadOnlyList<Correction> decided, CancellationToken cancellationToken);
}

/// <summary>
/// Corrections in one table, one partition per district: the moderation queue a district operator
/// reads is one partition, and the rule "three residents within an hour" reads one site there.
/// Row keys are the correction ids (12 random hex digits).
/// </summary>
public sealed class TableCorrectionStore(TableServiceClient service, IOptions<SiteTablesOptions> options) : ICorrectionStore
{
    private readonly LazyTable _corrections = new(service, options.Value.Corrections);

    /// <summary>
    /// The partition of a district: a hash of its name, since district text comes from imported lists
    /// and may hold what a key may not ('/', '\\', '#', '?', control characters). The name itself is a property.
    /// </summary>
    public static string PartitionOf(string district) =>
        "d" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(district)))[..16];

    public async Task AddAsync(Correction correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(correction);
        var table = await _corrections.GetAsync(cancellationToken);
        // A retried add that met its own entity is the add succeeding; another correction under the id (48 random bits) is not.
        if (!await table.AddOnceAsync(ToEntity(correction), cancellationToken))
            throw new InvalidOperationException($"Correction id {correction.Id} is taken.");
    }

    public async Task<Correction?> GetAsync(string? district, string id, CancellationToken cancellationToken)
    {
        var table = await _corrections.GetAsync(cancellationToken);
        if (district is not null)
        {
            var entity = await table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(district), id, cancellationToken: cancellationToken);
            return entity.HasValue ? FromEntity(entity.Value!) : null;
        }

        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.RowKey == id, cancellationToken: cancellationToken))
            return FromEntity(entity);
        return null;
    }

    public async Task<IReadOnlyList<Correction>> ListAsync(CorrectionFilter filter, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var table = await _corrections.GetAsync(cancellationToken);
        var clauses = new List<string>();
        if (filter.District is not null)
            clauses.Add(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(filter.District)}"));
        if (filter.State is { } state)
            clauses.Add(TableClient.CreateQueryFilter($"State eq {state.ToString()}"));
        if (filter.Kind is { } kind)
            clauses.Add(TableClient.CreateQueryFilter($"Kind eq {kind.ToString()}"));
        if (filter.SiteId is not null)
            clauses.Add(TableClient.CreateQueryFilter($"SiteId eq {filter.SiteId}"));

        var items = new List<Correction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(clauses.Count == 0 ? null : string.Join(" and ", clauses), cancellationToken: cancellationToken))
            items.Add(FromEntity(entity));

        // Row keys are random, so the order is made here; the queue of one district is small enough to sort.
        return [.. items.OrderByDescending(c => c.ReceivedAt).ThenBy(c => c.Id, StringComparer.Ordinal).Take(max)];
    }

    public async Task<IReadOnlyList<Correction>> OfSiteSinceAsync(string district, string siteId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var table = await _corrections.GetAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(district)} and SiteId eq {siteId} and ReceivedAt ge {since}");
        var items = new List<Correction>();
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            items.Add(FromEntity(entity));
        return items;
    }

    public async Task<bool> DecideAsync(IReadOnlyList<Correction> decided, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decided);
        try
        {
            await _corrections.SubmitBatchedAsync(
                decided.Select(c => (PartitionOf(c.District), new TableTransactionAction(TableTransactionActionType.UpdateMerge, ToEntity(c), c.Version is null ? ETag.All : new ETag(c.Version)))),
                cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
        {
            return false;
        }
    }

    private static TableEntity ToEntity(Correction c) => new(PartitionOf(c.District), c.Id)
    {
        ["SiteId"] = c.SiteId,
        ["District"] = c.District,
        ["Kind"] = c.Kind.ToString(),
        ["Text"] = c.Text,
        ["Lat"] = c.Location?.Point.Lat,
        ["Lng"] = c.Location?.Point.Lng,
        ["Coord"] = c.Location?.System.ToLabel(),
        ["ReceivedAt"] = c.ReceivedAt,
        ["Client"] = c.Client,
        ["State"] = c.State.ToString(),
        ["DecidedAt"] = c.DecidedAt,
        ["DecidedBy"] = c.DecidedBy,
        ["Decision"] = c.Decision,
    };

    private static Correction FromEntity(TableEntity e)
    {
        LabelledPoint? location = e.GetDouble("Lat") is { } lat && e.GetDouble("Lng") is { } lng && CoordinateSystemNames.TryParse(e.GetString("Coord"), out var system)
            ? new LabelledPoint(new GeoPoint(lat, lng), system)
            : null;
        return new Correction
        {
            Id = e.RowKey,
            SiteId = e.GetString("SiteId") ?? string.Empty,
            District = e.GetString("District") ?? string.Empty,
            Kind = Enum.TryParse<CorrectionKind>(e.GetString("Kind"), out var kind) ? kind : CorrectionKind.Other,
            Text = e.GetString("Text"),
            Location = location,
            ReceivedAt = e.GetDateTimeOffset("ReceivedAt") ?? DateTimeOffset.MinValue,
            Client = e.GetString("Client") ?? string.Empty,
            State = Enum.TryParse<CorrectionState>(e.GetString("State"), out var state) ? state : CorrectionState.Pending,
            DecidedAt = e.GetDateTimeOffset("DecidedAt"),
            DecidedBy = e.GetString("DecidedBy"),
            Decision = e.GetString("Decision"),
            Version = e.ETag.ToString(),
        };
    }

    /// <summary>Correction ids: 12 lowercase hex digits, like staff token ids.</summary>
    public static bool IsWellFormedId(string? id) => id is { Length: 12 } && id.All(char.IsAsciiHexDigitLower);

    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));

}
