using System.Globalization;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Import;

/// <summary>
/// What an import does: the sites the file makes (<see cref="Sites"/>), the writes with their
/// before and after records (<see cref="Changes"/>: added, updated, and closed sites; unchanged
/// sites are not written), and the report.
/// </summary>
public sealed record ImportPlan(IReadOnlyList<Site> Sites, ImportReport Report)
{
    public IReadOnlyList<SiteChange> Changes { get; init; } = [];
}

/// <summary>
/// Turns input rows into sites, against the stored sites they update. Validation is per row: a bad
/// row is rejected with the field named and never stops the others. The steps, in order: read each
/// row over its stored site (<see cref="SiteRowParser"/>); merge repeats (same source id: last wins;
/// same name and address within <see cref="MergeWithinMeters"/>: one site); mark shared points as
/// approximate; hold points outside the expected area as planned; compare with the stored sites.
/// </summary>
public static class SiteImporter
{
    /// <summary>
    /// Two rows with the same name, address and hours this close are one site listed twice; further
    /// apart (which point is right?) or with other hours (Dalian lists one clinic once per service,
    /// each with its own days) they stay two sites, with a warning.
    /// </summary>
    public const double MergeWithinMeters = 200;

    /// <summary>This many sites (or more, told apart by name and address) at one exact source point: the point is a geocoder's fallback (a town's centre), not each site's own.</summary>
    public const int ApproximateFromSites = 3;

    /// <summary>The start of the state reason of a site the import held, so that a later import can release it once its point is inside.</summary>
    public const string HeldReasonPrefix = "held by import";

    /// <summary>The longest value each field may have.</summary>
    public static IReadOnlyDictionary<string, int> MaxLengths { get; } = new Dictionary<string, int>
    {
        ["source_id"] = 200,
        ["name"] = 500,
        ["address"] = 1_000,
        ["district"] = 100,
        ["city"] = 100,
        ["street"] = 200,
        ["hours"] = 2_000,
        ["type"] = 200,
        ["audience"] = 500,
        ["phone"] = 200,
        ["notes"] = 4_000,
    };

    /// <summary>A list planned on its own, as into an empty store.</summary>
    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, DateTimeOffset now) => Plan(rows, [], now, new ImportOptions());

    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, IReadOnlyList<SiteRecord> stored, DateTimeOffset now, ImportOptions options) =>
        Plan(rows, stored, now, options, null);

    /// <summary>
    /// Plans the rows; <paramref name="geocodes"/> holds, by row number, what was found for each row
    /// that needs a point (<see cref="ImportGeocoding.Requests"/>). Null: the import does not geocode,
    /// and a new site without a point is rejected. Given, a row that needs a point and has no entry
    /// was not looked up, and is held like one nothing was found for.
    /// </summary>
    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, IReadOnlyList<SiteRecord> stored, DateTimeOffset now, ImportOptions options, IReadOnlyDictionary<int, RowGeocode>? geocodes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(options);
        var storedById = stored.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var plans = rows.Select(r =>
        {
            var record = StoredOf(r, storedById);
            var geocode = geocodes is not null && ImportGeocoding.Needs(r, record) ? geocodes.GetValueOrDefault(r.Row) ?? RowGeocode.NotFound : null;
            return new RowPlan(SiteRowParser.Parse(r, record, now, geocode)) { Geocode = geocode };
        }).ToList();
        foreach (var plan in plans)
            DescribeGeocode(plan, options);

        var sites = Deduplicate(plans);
        AssignCities(sites, options);
        MarkApproximate(sites, plans, storedById);
        Hold(sites, options, storedById);
        var (changes, diff) = Compare(sites, plans, storedById, options, now);

        var reports = plans.Select(p => p.Site is not null
            ? new RowReport(p.Input.Row, p.Site.SourceId, p.MergedInto ?? p.Site.Id, RowOutcome.Accepted) { Warnings = p.Warnings }
            : p.Parsed.NotGeocoded
            ? new RowReport(p.Input.Row, SiteRowParser.Trimmed(p.Input["source_id"]), null, RowOutcome.Held) { Warnings = p.Warnings }
            : new RowReport(p.Input.Row, SiteRowParser.Trimmed(p.Input["source_id"]), null, RowOutcome.Rejected) { Errors = p.Parsed.Errors }).ToList();
        var rejected = reports.Count(r => r.Outcome == RowOutcome.Rejected);
        var notPlaced = reports.Count(r => r.Outcome == RowOutcome.Held);
        int Rows(Func<string, bool> kind) => reports.Count(r => r.Warnings.Select(ProblemRows.KindOf).Any(kind));
        var summary = new ImportSummary(rows.Count, rows.Count - rejected - notPlaced, rejected, Rows(k => k is "hoursUnparsed" or "hoursMissing"), Rows(k => k is "duplicate" or "mergedInto"), Rows(k => k == "held:outsideExpectedArea"))
        {
            Held = Rows(k => k.StartsWith("held:", StringComparison.Ordinal)),
            Geocoded = Rows(k => k == ImportGeocoding.Geocoded),
            LowGeocodeConfidence = Rows(k => k == ImportGeocoding.HeldLowConfidence),
            NotGeocoded = Rows(k => k == ImportGeocoding.HeldNotGeocoded),
            ApproximateLocation = Rows(k => k == "approximateLocation"),
            Merged = Rows(k => k == "mergedInto"),
            Cleared = Rows(k => k.StartsWith("cleared:", StringComparison.Ordinal)),
            Added = diff.Added.Count,
            Updated = diff.Updated.Count,
            Unchanged = diff.Unchanged.Count,
            Missing = diff.Missing.Count,
            Closed = changes.Count(c => c.Before is { } b && b.State != nameof(SiteState.Closed) && c.After.State == nameof(SiteState.Closed) && c.Reason is not null),
        };

        var report = new ImportReport(summary, reports) { ImportId = options.ImportId, Changes = diff, Geocoding = geocodes is null ? null : GeocodingReport.Of(plans.Where(p => p.Geocode is not null).Select(p => p.Geocode!).ToList(), options) };
        return new ImportPlan([.. sites.Values.Select(p => p.Site!).OrderBy(s => s.Id, StringComparer.Ordinal)], report) { Changes = changes };
    }

    /// <summary>The row's geocoding in its warnings: the point found and its source, or why there is none (held ones are told by <see cref="Hold"/>).</summary>
    private static void DescribeGeocode(RowPlan plan, ImportOptions options)
    {
        if (plan.Geocode is not { } geocode)
            return;
        var degraded = geocode.Degraded is { } d ? $"; Azure Maps not asked: {d}" : string.Empty;
        if (geocode.Best is { } found && plan.Site is not null && plan.Site.Location == found.Location)
        {
            if (ImportGeocoding.LowConfidence(found.Source, found.Confidence, options) is not null)
                return;
            plan.Warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{ImportGeocoding.Geocoded}: {found.Source.ToLabel()} {found.Confidence:0.##} ({found.Label}){degraded}"));
        }
        else if (plan.Parsed.NotGeocoded)
        {
            plan.Warnings.Add(geocode.Degraded is { } reason
                ? $"{ImportGeocoding.HeldNotGeocoded}: Azure Maps could not be asked ({reason}) and the gazetteer has no match: not stored; import again later or give lng, lat and coord_system"
                : $"{ImportGeocoding.HeldNotGeocoded}: neither the gazetteer nor Azure Maps found the address or name: not stored; give lng, lat and coord_system");
        }
        else if (plan.Site is not null)
        {
            plan.Warnings.Add($"geocodeKept: nothing found this time, the point found before is kept{degraded}");
        }
    }

    /// <summary>
    /// Gives a city to the sites whose row named none: the city the most sites of the list name, when
    /// more than half of the list's sites do (a Dalian list with a few addresses that omit 大连市), else the deployment's default.
    /// </summary>
    private static void AssignCities(Dictionary<string, RowPlan> sites, ImportOptions options)
    {
        var named = sites.Values.Select(p => p.Site!.City).Where(c => c.Length > 0).GroupBy(SiteCity.Key).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault();
        var listCity = named is not null && named.Count() * 2 > sites.Count ? named.First() : options.DefaultCity;
        foreach (var plan in sites.Values.Where(p => p.Site!.City.Length == 0))
            plan.Site = plan.Site! with { City = listCity };
    }

    private static SiteRecord? StoredOf(SiteInput row, Dictionary<string, SiteRecord> stored) =>
        SiteRowParser.Trimmed(row["source_id"]) is { } sourceId ? stored.GetValueOrDefault(SiteIds.FromSourceId(sourceId)) : null;

    /// <summary>
    /// The file's sites by id. A repeated source id replaces the earlier row. A row with the name and
    /// address and hours of an earlier one and within <see cref="MergeWithinMeters"/> of it becomes part of that
    /// site (its source id joins <see cref="Site.OtherSourceIds"/>; the first row's fields win).
    /// </summary>
    private static Dictionary<string, RowPlan> Deduplicate(List<RowPlan> plans)
    {
        var byId = new Dictionary<string, RowPlan>(StringComparer.Ordinal);
        var firstByNameAddress = new Dictionary<(string, string), RowPlan>();
        var merged = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var plan in plans.Where(p => p.Site is not null))
        {
            var site = plan.Site!;
            if (site.Hours.Status != HoursParseStatus.Parsed)
                plan.Warnings.Add(site.Hours.Status == HoursParseStatus.Empty ? "hoursMissing" : $"hoursUnparsed: {site.Hours.Problem}");
            plan.Warnings.AddRange(plan.Parsed.Cleared.Select(f => $"cleared:{f}: the empty cell clears the stored value"));

            if (byId.TryGetValue(site.Id, out var earlier))
            {
                plan.Warnings.Add($"duplicate: same source_id as row {earlier.Input.Row}; this row replaces it");
                byId[site.Id] = plan;
                continue;
            }

            var key = (site.Name, site.Address);
            if (site.Address.Length > 0 && firstByNameAddress.TryGetValue(key, out var first))
            {
                var meters = GreatCircle.DistanceMeters(first.Site!.Location, site.Location);
                var sameHours = string.Equals(first.Site.Hours.Raw.Trim(), site.Hours.Raw.Trim(), StringComparison.Ordinal);
                if (meters <= MergeWithinMeters && sameHours)
                {
                    plan.MergedInto = first.Site.Id;
                    plan.Warnings.Add(string.Create(CultureInfo.InvariantCulture, $"mergedInto: row {first.Input.Row} (same name and address, {meters:F0} m apart)"));
                    if (!merged.TryGetValue(first.Site.Id, out var sourceIds))
                        merged[first.Site.Id] = sourceIds = [];
                    sourceIds.Add(site.SourceId);
                    continue;
                }

                plan.Warnings.Add(meters > MergeWithinMeters
                    ? string.Create(CultureInfo.InvariantCulture, $"duplicate: same name and address as row {first.Input.Row}, but {meters:F0} m apart: kept as two sites")
                    : $"duplicate: same name and address as row {first.Input.Row}, but other hours: kept as two sites");
            }

            firstByNameAddress.TryAdd(key, plan);
            byId[site.Id] = plan;
        }

        foreach (var (id, sourceIds) in merged)
        {
            var target = byId[id];
            target.Site = target.Site! with { OtherSourceIds = [.. target.Site.OtherSourceIds.Union(sourceIds, StringComparer.Ordinal)] };
        }

        return byId;
    }

    /// <summary>
    /// Sets <see cref="Site.LocationApproximate"/> on each site of the file whose exact source point
    /// <see cref="ApproximateFromSites"/> or more sites share, counting the stored sites in service
    /// that the file leaves as they are, so that a partial list does not lose the flag.
    /// </summary>
    private static void MarkApproximate(Dictionary<string, RowPlan> sites, List<RowPlan> plans, Dictionary<string, SiteRecord> stored)
    {
        var mergedAway = plans.Where(p => p.MergedInto is not null).Select(p => p.Site!.Id).ToHashSet(StringComparer.Ordinal);
        var others = stored.Values
            .Where(r => !sites.ContainsKey(r.Id) && !mergedAway.Contains(r.Id) && r.State != nameof(SiteState.Closed))
            .Select(r => r.ToSite());

        // Counted by name and address: one clinic in several of a city's lists (Dalian lists its
        // clinics once per service) is one place at its own point, not a fallback shared by many.
        var counts = sites.Values.Select(p => p.Site!).Concat(others)
            .GroupBy(s => s.SourceLocation)
            .ToDictionary(g => g.Key, g => g.Select(s => (s.Name, s.Address)).Distinct().Count());
        foreach (var plan in sites.Values)
        {
            var count = counts[plan.Site!.SourceLocation];
            plan.Site = plan.Site with { LocationApproximate = count >= ApproximateFromSites };
            if (count >= ApproximateFromSites)
                plan.Warnings.Add($"approximateLocation: {count} sites (by name and address) share this exact point");
        }
    }

    /// <summary>
    /// Holds each site outside the expected area as planned, with the distance as its state reason;
    /// releases (opens) a site an earlier import held once its point is inside and the row sets no state.
    /// </summary>
    private static void Hold(Dictionary<string, RowPlan> sites, ImportOptions options, Dictionary<string, SiteRecord> stored)
    {
        var area = options.ExpectedArea ?? ExpectedArea.FromList([.. sites.Values.Select(p => p.Site!.Location)]);
        foreach (var plan in sites.Values)
        {
            var site = plan.Site!;
            var outside = area?.Outside(site.Location);
            var confirmed = ConfirmedAt(stored.GetValueOrDefault(site.Id), site);
            if (site.GeocodedSource is { } source && site.GeocodedConfidence is { } confidence && ImportGeocoding.LowConfidence(source, confidence, options) is { } low && !confirmed)
            {
                // A guessed point is never served as the site's: an operator checks it first.
                plan.Site = site with { State = SiteState.Planned, SuspendedUntil = null, StateReason = $"{HeldReasonPrefix}: {low}" };
                var label = plan.Geocode?.Best?.Label is { } l ? $" ({l})" : string.Empty;
                plan.Warnings.Add($"{ImportGeocoding.HeldLowConfidence}: {low}{label}");
                if (outside is not null)
                    plan.Warnings.Add($"held:outsideExpectedArea: {outside}");
            }
            else if (outside is { } confirmedFar && confirmed)
            {
                // Held once and put in service since by an operator at this very point: the operator's word stands.
                plan.Warnings.Add($"outsideExpectedArea: {confirmedFar}; in service as an operator confirmed it");
            }
            else if (outside is { } reason)
            {
                plan.Site = site with { State = SiteState.Planned, SuspendedUntil = null, StateReason = $"{HeldReasonPrefix}: {reason}" };
                plan.Warnings.Add($"held:outsideExpectedArea: {reason}");
            }
            else if (site.State == SiteState.Planned && site.StateReason?.StartsWith(HeldReasonPrefix, StringComparison.Ordinal) == true && SiteRowParser.Trimmed(plan.Input["state"]) is null)
            {
                plan.Site = site with { State = SiteState.Open, StateReason = null };
            }
        }
    }

    /// <summary>Whether the stored site is at the same source point and not planned: someone put it in service there after any hold.</summary>
    private static bool ConfirmedAt(SiteRecord? before, Site site) =>
        before is not null &&
        before.State != nameof(SiteState.Planned) &&
        before.SourceLat == site.SourceLocation.Point.Lat &&
        before.SourceLng == site.SourceLocation.Point.Lng &&
        before.SourceCoord == site.SourceLocation.System.ToLabel();

    /// <summary>The writes and the dry-run view: each file site against its stored record, merged-away and missing stored sites.</summary>
    private static (List<SiteChange> Changes, ImportChanges Diff) Compare(
        Dictionary<string, RowPlan> sites, List<RowPlan> plans, Dictionary<string, SiteRecord> stored, ImportOptions options, DateTimeOffset now)
    {
        var who = "import:" + options.ImportId;
        var changes = new List<SiteChange>();
        List<SiteRef> added = [], unchanged = [];
        List<UpdatedSite> updated = [];
        List<MissingSite> missing = [];

        void Close(SiteRecord before, int? row, string reason, AuditAction action)
        {
            var after = before with { State = nameof(SiteState.Closed), SuspendedUntil = null, StateReason = reason, UpdatedAt = now, UpdatedBy = who };
            var change = new SiteChange(after.ToSite(), before, after, action) { Row = row, Reason = reason };
            changes.Add(change);
            updated.Add(new UpdatedSite(before.Id, before.SourceId, row, change.Fields));
        }

        foreach (var plan in sites.Values.OrderBy(p => p.Site!.Id, StringComparer.Ordinal))
        {
            var site = plan.Site! with { UpdatedAt = now, UpdatedBy = who };
            var before = stored.GetValueOrDefault(site.Id);
            var after = SiteRecord.From(site);
            var change = new SiteChange(site, before, after, AuditAction.Import) { Row = plan.Input.Row };
            var fields = change.Fields;
            if (before is not null && fields.Count == 0)
            {
                unchanged.Add(new SiteRef(site.Id, site.SourceId, plan.Input.Row));
                continue;
            }

            changes.Add(change);
            if (before is null)
                added.Add(new SiteRef(site.Id, site.SourceId, plan.Input.Row));
            else
                updated.Add(new UpdatedSite(site.Id, site.SourceId, plan.Input.Row, fields));
        }

        // A site stored from a row now merged into another was the same site twice: close the copy.
        // One stored copy is closed once, however many rows merged away from it (a transaction may not name a row twice).
        var mergedAway = plans.Where(p => p.MergedInto is not null).DistinctBy(p => p.Site!.Id).ToList();
        foreach (var plan in mergedAway)
        {
            if (stored.GetValueOrDefault(plan.Site!.Id) is { } copy && copy.State != nameof(SiteState.Closed) && !sites.ContainsKey(copy.Id))
                Close(copy, plan.Input.Row, $"closed by import {options.ImportId}: merged into site {plan.MergedInto} (same name and address)", AuditAction.Import);
        }

        // Missing: stored sites of the file's districts that the file does not list. A district's
        // list must not close the rest of the city, so other districts' sites are not even named.
        var listed = sites.Keys.Concat(mergedAway.Select(p => p.Site!.Id)).ToHashSet(StringComparer.Ordinal);
        var districts = sites.Values.Select(p => p.Site!.District).ToHashSet(StringComparer.Ordinal);
        foreach (var record in stored.Values.Where(r => !listed.Contains(r.Id) && districts.Contains(r.District)).OrderBy(r => r.Id, StringComparer.Ordinal))
        {
            var close = options.CloseMissing && record.State != nameof(SiteState.Closed);
            missing.Add(new MissingSite(record.Id, record.SourceId, record.Name, record.District, SiteRecordDiff.FieldName(record.State), close));
            if (close)
                Close(record, null, $"closed by import {options.ImportId}: not in the imported list", AuditAction.CloseMissing);
        }

        return (changes, new ImportChanges(added, updated, unchanged, missing));
    }

    /// <summary>One input row on its way through the steps; the site is replaced as each step decides.</summary>
    private sealed class RowPlan(ParsedRow parsed)
    {
        public ParsedRow Parsed { get; } = parsed;

        public SiteInput Input => Parsed.Input;

        public Site? Site { get; set; } = parsed.Site;

        /// <summary>The id of the site this row was merged into as a duplicate.</summary>
        public string? MergedInto { get; set; }

        public List<string> Warnings { get; } = [];

        /// <summary>What geocoding found for a row that needs a point; null when it gave one or the import does not geocode.</summary>
        public RowGeocode? Geocode { get; init; }
    }
}
