using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Operators;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Gazetteer;
using SiteFinder.Functions.Geocoding;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Sites;

/// <summary>
/// Import: load the stored sites with their versions, plan the rows against them, write the sites
/// that change each with its audit entry, publish the catalogue so answers include them at once.
/// A site edited while the import ran is not overwritten with what the import read before: its
/// write is refused by version, and the import plans again from the sites as they are now.
/// <para>
/// Rows without a point (<see cref="ImportGeocoding.Requests"/>) are looked up before planning, in a
/// dry run too (Azure Maps answers are cached, so the import that follows asks nothing again): the
/// gazetteer first, then Azure Maps for the rows the gazetteer could not place, in one batch call
/// per 100 rows (<see cref="IAddressGeocoder.GeocodeBatchAsync"/> splits them).
/// </para>
/// </summary>
public sealed class SiteImportService(
    ISiteStore sites,
    CataloguePublisher publisher,
    GazetteerProvider gazetteer,
    IAddressGeocoder geocoder,
    TimeProvider clock,
    IOptions<ImportSettings> settings)
{
    /// <summary>How often an import plans again when sites change under it; each round writes only what still differs.</summary>
    private const int Attempts = 3;

    /// <summary>What an import would do, without writing anything. A district operator imports rows of their district only (<see cref="DistrictImportScope"/>).</summary>
    public async Task<ImportPlan> PreviewAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, OperatorIdentity by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var stored = await sites.LoadAllStoredAsync(cancellationToken);
        var options = Options(closeMissing, NewImportId());
        return Plan(rows, by, stored, options, await GeocodeAsync(rows, by, stored, options, cancellationToken));
    }

    public async Task<ImportPlan> ImportAsync(IReadOnlyList<SiteInput> rows, bool closeMissing, OperatorIdentity by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(by);
        var options = Options(closeMissing, NewImportId());
        var importId = options.ImportId;
        for (var attempt = 1; ; attempt++)
        {
            var stored = await sites.LoadAllStoredAsync(cancellationToken);
            var plan = Plan(rows, by, stored, options, await GeocodeAsync(rows, by, stored, options, cancellationToken));
            var versions = stored.ToDictionary(s => s.Record.Id, s => s.Version, StringComparer.Ordinal);
            var now = clock.GetUtcNow();
            var writes = plan.Changes
                .Select(c => (c.After, versions.GetValueOrDefault(c.After.Id), new AuditEntry
                {
                    SiteId = c.After.Id,
                    At = now,
                    Who = by.Name,
                    Action = c.Action,
                    Changes = c.Fields,
                    Reason = c.Reason,
                    ImportId = importId,
                }))
                .ToArray();
            try
            {
                if (writes.Length > 0)
                    await sites.WriteAllAsync(writes, cancellationToken);
            }
            catch (SiteVersionConflictException) when (attempt < Attempts)
            {
                // Some sites changed since they were read (an operator's edit): plan them again as they are now.
                continue;
            }
            catch (SiteVersionConflictException)
            {
                // What was written is served; the caller hears which sites kept changing and may import again.
                await publisher.PublishAsync(cancellationToken);
                throw;
            }

            if (writes.Length > 0)
                await publisher.PublishAsync(cancellationToken);
            return plan;
        }
    }

    /// <summary>
    /// Loads the generated demo catalogue when no site is stored yet, or finishes it when an earlier start
    /// wrote only part of it (storage failed midway: the writes are batches, not one transaction). Rows
    /// already stored are left as they are, since an operator may have edited them; a table holding any
    /// site that is not a demo site is never touched. Returns whether it wrote.
    /// </summary>
    public async Task<bool> SeedDemoIfEmptyAsync(CancellationToken cancellationToken)
    {
        var demo = DemoCatalogue.Generate(clock.GetUtcNow());
        IReadOnlyList<Site> missing = demo;
        if (!await sites.IsEmptyAsync(cancellationToken))
        {
            var stored = await sites.LoadAllAsync(cancellationToken);
            if (stored.Count >= demo.Count || stored.Any(r => !DemoCatalogue.IsDemoSourceId(r.SourceId)))
                return false;
            var present = stored.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            missing = [.. demo.Where(s => !present.Contains(s.Id))];
        }

        await sites.UpsertAsync(missing, cancellationToken);
        await publisher.PublishAsync(cancellationToken);
        return true;
    }

    private ImportOptions Options(bool closeMissing, string importId) => new()
    {
        ImportId = importId,
        ExpectedArea = settings.Value.ToExpectedArea(),
        DefaultCity = settings.Value.City,
        CloseMissing = closeMissing,
        GeocodeMinConfidence = settings.Value.GeocodeMinConfidence,
        GeocodeCity = string.IsNullOrWhiteSpace(settings.Value.GeocodeCity) ? null : settings.Value.GeocodeCity.Trim(),
    };

    private ImportPlan Plan(IReadOnlyList<SiteInput> rows, OperatorIdentity by, IReadOnlyList<StoredSite> stored, ImportOptions options, IReadOnlyDictionary<int, RowGeocode> geocodes)
    {
        // The whole table: a city is a few thousand rows, and missing sites can only be found against all of them.
        var records = stored.Select(s => s.Record).ToArray();
        var districts = records.ToDictionary(r => r.Id, r => r.District, StringComparer.Ordinal);
        return DistrictImportScope.Plan(rows, by, districts, allowed => SiteImporter.Plan(allowed, records, clock.GetUtcNow(), options, geocodes));
    }

    /// <summary>
    /// What was found for each row that needs a point, by row number. Rows the operator may not import
    /// are not looked up. A gazetteer point of enough confidence is final; the other rows go to Azure
    /// Maps, and the more confident of its first candidate and the gazetteer's wins.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, RowGeocode>> GeocodeAsync(
        IReadOnlyList<SiteInput> rows, OperatorIdentity by, IReadOnlyList<StoredSite> stored, ImportOptions options, CancellationToken cancellationToken)
    {
        var districts = stored.ToDictionary(s => s.Record.Id, s => s.Record.District, StringComparer.Ordinal);
        var allowed = rows.Where(r => by.IsCity || DistrictImportScope.Problem(r, by, districts) is null).ToList();
        var all = ImportGeocoding.Requests(allowed, [.. stored.Select(s => s.Record)], options);
        var found = new Dictionary<int, RowGeocode>();
        if (all.Count == 0)
            return found;

        // Past the bound nothing is looked up: each such row is held, saying why (see MaxRowsPerImport).
        foreach (var request in all.Skip(ImportGeocoding.MaxRowsPerImport))
            found[request.Row] = new RowGeocode(null, $"not looked up: more than {ImportGeocoding.MaxRowsPerImport} rows without coordinates in one import");
        var requests = all.Take(ImportGeocoding.MaxRowsPerImport).ToList();

        // Storage unreachable since this instance started: no gazetteer, Azure Maps may still answer.
        var matcher = ((await gazetteer.GetAsync(cancellationToken)) ?? ServedGazetteer.Empty).Matcher;
        var fromGazetteer = requests.ToDictionary(r => r.Row, r => ImportGeocoding.FromGazetteer(matcher, r));
        var ask = requests.Where(r => !ImportGeocoding.Accepts(fromGazetteer[r.Row], options)).ToList();
        var answers = ask.Count == 0 ? [] : await geocoder.GeocodeBatchAsync([.. ask.Select(r => r.Query)], GeocodeBias.City, cancellationToken);
        var answered = ask.Select((r, i) => (r.Row, Answer: answers[i])).ToDictionary(a => a.Row, a => a.Answer);

        foreach (var request in requests)
        {
            var local = fromGazetteer[request.Row];
            if (!answered.TryGetValue(request.Row, out var answer))
            {
                found[request.Row] = new RowGeocode(local);
                continue;
            }

            var maps = answer.Candidates is [var c, ..] ? new GeocodedPoint(c.Location, GeocodeSource.AzureMaps, c.Confidence, c.Label) : null;
            found[request.Row] = new RowGeocode(ImportGeocoding.Best(local, maps), answer.Degraded is { } d ? Describe(d) : null);
        }

        return found;
    }

    /// <summary>"unreachable: connection refused", as the geocode endpoint's reason reads.</summary>
    private static string Describe(GeocodeDegradation degradation) =>
        JsonNamingPolicy.CamelCase.ConvertName(degradation.Reason.ToString()) + ": " + degradation.Detail;

    private static string NewImportId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
