using System.Globalization;
using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Geocoding;

/// <summary>
/// Reads an uploaded gazetteer, CSV or JSON, row by row as the site importer does: a bad row is
/// refused with the field named and never stops the others. Places at (0, 0) or outside the
/// <see cref="GazetteerArea"/> are refused (the places file has both: geocoder failures and
/// namesakes in other provinces). Coordinates are converted to WGS-84 from the system each row names.
/// <para>
/// CSV: a header row with <c>name</c> (or <c>place_name</c>, as in the places file), <c>lng</c>,
/// <c>lat</c>, <c>coord</c> (or <c>coord_system</c>), and optionally <c>district</c>, <c>kind</c> and
/// <c>source_id</c>; other columns are ignored. JSON: an array of objects with the same names (or
/// <c>{"places": [...]}</c>), numbers as numbers or text. Without a source id a place is known by its
/// district and name, so a repeated name in one district keeps the later row.
/// </para>
/// </summary>
public static class GazetteerReader
{
    /// <summary>The longest value each field may have (Table Storage refuses properties over 64 KiB; real names are far shorter).</summary>
    public static IReadOnlyDictionary<string, int> MaxLengths { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["source_id"] = 200,
        ["name"] = 200,
        ["district"] = 100,
        ["kind"] = 50,
    };

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["place_name"] = "name",
        ["coord_system"] = "coord",
        ["id"] = "source_id",
    };

    private static readonly string[] RequiredColumns = ["name", "lng", "lat", "coord"];

    /// <summary>
    /// A city's places are tens of thousands (Shanghai's file: 38,042 rows); far more is a mistake, and
    /// every instance would hold and index it. Read no further than this many rows.
    /// </summary>
    public const int MaxRows = 200_000;

    private static string TooManyRows => $"more than {MaxRows} rows: a gazetteer is a city's places, not more";

    public static GazetteerUpload FromCsv(TextReader reader, GazetteerArea area)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(area);
        try
        {
            using var records = CsvReader.Read(reader).GetEnumerator();
            if (!records.MoveNext())
                return Refused("the file is empty: expected a header row with " + string.Join(',', RequiredColumns));

            var header = records.Current.Fields.Select(h => Column(h.Trim().TrimStart('\uFEFF'))).ToArray();
            var missing = RequiredColumns.Except(header).ToArray();
            if (missing.Length > 0)
                return Refused("missing column(s): " + string.Join(", ", missing));

            var rows = new List<Dictionary<string, string>>();
            while (records.MoveNext())
            {
                var fields = records.Current.Fields;
                if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
                    continue;
                if (rows.Count == MaxRows)
                    return Refused(TooManyRows);
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < header.Length && i < fields.Count; i++)
                    values.TryAdd(header[i], fields[i]);
                rows.Add(values);
            }

            return Plan(rows, area);
        }
        catch (CsvFormatException e)
        {
            return Refused(e.Message);
        }
    }

    public static GazetteerUpload FromJson(JsonDocument document, GazetteerArea area)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(area);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("places", out var places))
            root = places;
        if (root.ValueKind != JsonValueKind.Array)
            return Refused("expected a JSON array of places or an object with a \"places\" array");

        if (root.GetArrayLength() > MaxRows)
            return Refused(TooManyRows);

        var rows = new List<Dictionary<string, string>>();
        foreach (var item in root.EnumerateArray())
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    var text = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                    if (text is not null)
                        values.TryAdd(Column(property.Name), text);
                }
            }

            rows.Add(values);
        }

        return Plan(rows, area);
    }

    private static GazetteerUpload Plan(List<Dictionary<string, string>> rows, GazetteerArea area)
    {
        var reports = new List<RowReport>(rows.Count);
        var bySourceId = new Dictionary<string, (int Row, GazetteerEntry Entry)>(StringComparer.Ordinal);
        var duplicates = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var row = r + 1;
            var (entry, errors) = Parse(rows[r], area);
            if (entry is null)
            {
                reports.Add(new RowReport(row, Trimmed(rows[r].GetValueOrDefault("source_id")), null, RowOutcome.Rejected) { Errors = errors });
                continue;
            }

            IReadOnlyList<string> warnings = [];
            if (bySourceId.TryGetValue(entry.SourceId, out var earlier))
            {
                duplicates++;
                warnings = [$"duplicate: same source id as row {earlier.Row}; this row replaces it"];
            }

            bySourceId[entry.SourceId] = (earlier.Row > 0 ? earlier.Row : row, entry);
            reports.Add(new RowReport(row, entry.SourceId, entry.SourceId, RowOutcome.Accepted) { Warnings = warnings });
        }

        var rejected = reports.Count(x => x.Outcome == RowOutcome.Rejected);
        var entries = bySourceId.Values.Select(v => v.Entry).OrderBy(e => e.SourceId, StringComparer.Ordinal).ToList();
        return new GazetteerUpload(entries, new GazetteerReport(new GazetteerSummary(rows.Count, rows.Count - rejected, rejected, duplicates), reports));
    }

    private static (GazetteerEntry? Entry, IReadOnlyList<FieldError> Errors) Parse(Dictionary<string, string> values, GazetteerArea area)
    {
        var errors = new List<FieldError>();
        var name = Trimmed(values.GetValueOrDefault("name"));
        if (name is null)
            errors.Add(new FieldError("name", "required"));
        else if (PlaceName.Normalize(name).Length == 0)
            errors.Add(new FieldError("name", $"'{name}' has no letter or digit to match"));

        var lng = DegreesField.Parse(values.GetValueOrDefault("lng"), "lng", 180, "required", errors);
        var lat = DegreesField.Parse(values.GetValueOrDefault("lat"), "lat", 90, "required", errors);
        var system = CoordinateSystem.Wgs84;
        var systemText = Trimmed(values.GetValueOrDefault("coord"));
        if (systemText is null)
            errors.Add(new FieldError("coord", "required: WGS-84, GCJ-02 or BD-09"));
        else if (!CoordinateSystemNames.TryParse(systemText, out system))
            errors.Add(new FieldError("coord", $"'{systemText}' is not WGS-84, GCJ-02 or BD-09"));

        foreach (var (field, limit) in MaxLengths)
        {
            if (values.GetValueOrDefault(field) is { Length: var length } && length > limit)
                errors.Add(new FieldError(field, $"{length} characters; at most {limit}"));
        }

        if (lat is 0 && lng is 0)
            errors.Add(new FieldError("lng", "the point (0, 0) is a missing location, not a place"));

        if (errors.Count > 0 || name is null || lat is null || lng is null)
            return (null, errors);

        var given = new GeoPoint(lat.Value, lng.Value);
        if (!area.Contains(given))
        {
            var field = given.Lat < area.MinLat || given.Lat > area.MaxLat ? "lat" : "lng";
            return (null, [new FieldError(field, string.Create(CultureInfo.InvariantCulture, $"({lat}, {lng}) lies outside {area.Name} ({area.MinLat}–{area.MaxLat} N, {area.MinLng}–{area.MaxLng} E)"))]);
        }

        var location = new LabelledPoint(given, system).To(CoordinateSystem.Wgs84).Point;
        var district = Trimmed(values.GetValueOrDefault("district")) ?? string.Empty;
        var sourceId = Trimmed(values.GetValueOrDefault("source_id")) ?? $"{district}/{name}";
        return (new GazetteerEntry(sourceId, name, district, location, Trimmed(values.GetValueOrDefault("kind"))), errors);
    }

    private static string Column(string name)
    {
        var lower = name.ToLowerInvariant();
        return Aliases.GetValueOrDefault(lower, lower);
    }

    private static GazetteerUpload Refused(string error) =>
        new([], new GazetteerReport(new GazetteerSummary(0, 0, 0, 0), []), error);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
