using System.Globalization;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Import;

/// <summary>The sites to write and the row-by-row report of how each input row was read.</summary>
public sealed record ImportPlan(IReadOnlyList<Site> Sites, ImportReport Report);

/// <summary>
/// Turns input rows into sites. Validation is per row: a bad row is rejected with the field named
/// and never stops the others. Rows that repeat a source id are merged (last wins), and rows far
/// from the rest of the list are kept but flagged for an operator to look at.
/// </summary>
public static class SiteImporter
{
    /// <summary>Rows further than this from the list's median point are flagged as outside the expected area.</summary>
    public const double ExpectedAreaRadiusMeters = 150_000;

    /// <summary>The longest value each field may have.</summary>
    public static IReadOnlyDictionary<string, int> MaxLengths { get; } = new Dictionary<string, int>
    {
        ["source_id"] = 200,
        ["name"] = 500,
        ["address"] = 1_000,
        ["district"] = 100,
        ["street"] = 200,
        ["hours"] = 2_000,
        ["type"] = 200,
        ["audience"] = 500,
        ["phone"] = 200,
        ["notes"] = 4_000,
    };

    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parsed = rows.Select(r => Parse(r, now)).ToList();

        var accepted = parsed.Where(p => p.Site is not null).ToList();
        var centre = Median(accepted.Select(p => p.Site!.Location).ToList());

        var firstRowBySourceId = new Dictionary<string, int>(StringComparer.Ordinal);
        var firstRowByNameAddress = new Dictionary<(string, string), int>();
        var sitesById = new Dictionary<string, Site>(StringComparer.Ordinal);
        var reports = new List<RowReport>(parsed.Count);
        int duplicates = 0, outside = 0, hoursUnparsed = 0;

        foreach (var (input, site, errors) in parsed)
        {
            if (site is null)
            {
                reports.Add(new RowReport(input.Row, Trimmed(input["source_id"]), null, RowOutcome.Rejected) { Errors = errors });
                continue;
            }

            var warnings = new List<string>();
            if (site.Hours.Status != HoursParseStatus.Parsed)
            {
                hoursUnparsed++;
                warnings.Add(site.Hours.Status == HoursParseStatus.Empty ? "hoursMissing" : $"hoursUnparsed: {site.Hours.Problem}");
            }

            if (firstRowBySourceId.TryGetValue(site.SourceId, out var sameSource))
            {
                duplicates++;
                warnings.Add($"duplicate: same source_id as row {sameSource}; this row replaces it");
            }
            else if (firstRowByNameAddress.TryGetValue((site.Name, site.Address), out var sameName))
            {
                duplicates++;
                warnings.Add($"duplicate: same name and address as row {sameName}");
            }

            firstRowBySourceId.TryAdd(site.SourceId, input.Row);
            firstRowByNameAddress.TryAdd((site.Name, site.Address), input.Row);

            if (centre is { } c && GreatCircle.DistanceMeters(c, site.Location) > ExpectedAreaRadiusMeters)
            {
                outside++;
                var km = GreatCircle.DistanceMeters(c, site.Location) / 1000;
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"outsideExpectedArea: {km:F0} km from the list's median point"));
            }

            sitesById[site.Id] = site;
            reports.Add(new RowReport(input.Row, site.SourceId, site.Id, RowOutcome.Accepted) { Warnings = warnings });
        }

        var rejected = reports.Count(r => r.Outcome == RowOutcome.Rejected);
        var summary = new ImportSummary(rows.Count, rows.Count - rejected, rejected, hoursUnparsed, duplicates, outside);
        var sites = sitesById.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        return new ImportPlan(sites, new ImportReport(summary, reports));
    }

    private static (SiteInput Input, Site? Site, IReadOnlyList<FieldError> Errors) Parse(SiteInput input, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        var sourceId = Trimmed(input["source_id"]);
        var name = Trimmed(input["name"]);
        if (sourceId is null)
            errors.Add(new FieldError("source_id", "required"));
        if (name is null)
            errors.Add(new FieldError("name", "required"));

        var lng = ParseDegrees(input, "lng", 180, errors);
        var lat = ParseDegrees(input, "lat", 90, errors);
        var system = CoordinateSystem.Wgs84;
        var systemText = Trimmed(input["coord_system"]);
        if (systemText is null)
            errors.Add(new FieldError("coord_system", "required: WGS-84, GCJ-02 or BD-09"));
        else if (!CoordinateSystemNames.TryParse(systemText, out system))
            errors.Add(new FieldError("coord_system", $"'{systemText}' is not WGS-84, GCJ-02 or BD-09"));

        var state = SiteState.Open;
        var stateText = Trimmed(input["state"]);
        if (stateText is not null)
        {
            if (Enum.GetNames<SiteState>().FirstOrDefault(n => n.Equals(stateText, StringComparison.OrdinalIgnoreCase)) is { } stateName)
                state = Enum.Parse<SiteState>(stateName);
            else
                errors.Add(new FieldError("state", $"'{stateText}' is not planned, open, suspended or closed"));
        }

        // Table Storage refuses a property over 64 KiB; real values are far shorter, so refuse what can only be a mistake.
        foreach (var (field, limit) in MaxLengths)
        {
            if (input[field] is { Length: var length } && length > limit)
                errors.Add(new FieldError(field, $"{length} characters; at most {limit}"));
        }

        if (lat is { } la && lng is { } lo && la == 0 && lo == 0)
            errors.Add(new FieldError("lng", "the point (0, 0) is a missing location, not a site"));

        if (errors.Count > 0 || sourceId is null || name is null || lat is null || lng is null)
            return (input, null, errors);

        var source = new LabelledPoint(new GeoPoint(lat.Value, lng.Value), system);
        if (ChinaCoordinates.IsOutsideChina(source.Point))
            return (input, null, [new FieldError("lng", "the point lies outside China")]);

        var notes = Trimmed(input["notes"]);
        var noteValues = ParseNotes(notes);
        var typeText = Trimmed(input["type"]);
        var (type, typeDerived) = SiteClassifier.TypeFrom(typeText, name, notes);
        var site = new Site
        {
            Id = SiteIds.FromSourceId(sourceId),
            SourceId = sourceId,
            Name = name,
            Address = Trimmed(input["address"]) ?? string.Empty,
            District = Trimmed(input["district"]) ?? string.Empty,
            Street = Trimmed(input["street"]) ?? noteValues.GetValueOrDefault("街道"),
            Location = source.To(CoordinateSystem.Wgs84).Point,
            SourceLocation = source,
            Type = type,
            TypeDerived = typeDerived,
            TypeText = typeText,
            Audience = SiteClassifier.AudienceFrom(typeText, name, Trimmed(input["audience"])),
            Hours = OpeningHours.Parse(input["hours"]),
            Phone = Trimmed(input["phone"]) ?? noteValues.GetValueOrDefault("phone"),
            Notes = notes,
            State = state,
            UpdatedAt = now,
        };
        return (input, site, errors);
    }

    private static double? ParseDegrees(SiteInput input, string field, double limit, List<FieldError> errors)
    {
        var text = Trimmed(input[field]);
        if (text is null)
        {
            errors.Add(new FieldError(field, "required"));
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            errors.Add(new FieldError(field, $"'{text}' is not a number"));
            return null;
        }

        if (Math.Abs(value) > limit)
        {
            errors.Add(new FieldError(field, $"{text} is outside ±{limit}"));
            return null;
        }

        return value;
    }

    /// <summary>Source notes are "key=value; key=value"; keep the whole text, read the keys we use.</summary>
    private static Dictionary<string, string> ParseNotes(string? notes)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in (notes ?? string.Empty).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && eq < part.Length - 1)
                values.TryAdd(part[..eq].Trim(), part[(eq + 1)..].Trim());
        }

        return values;
    }

    private static GeoPoint? Median(List<GeoPoint> points)
    {
        if (points.Count == 0)
            return null;

        var lats = points.Select(p => p.Lat).Order().ToList();
        var lngs = points.Select(p => p.Lng).Order().ToList();
        return new GeoPoint(lats[lats.Count / 2], lngs[lngs.Count / 2]);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
