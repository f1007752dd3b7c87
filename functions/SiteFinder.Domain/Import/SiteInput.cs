using System.Globalization;
using System.Text.Json;

namespace SiteFinder.Domain.Import;

/// <summary>One row of a site list as given, every field still text. The columns are those of the shared CSV files.</summary>
public sealed record SiteInput
{
    public static IReadOnlyList<string> Columns { get; } =
        ["source_id", "name", "address", "district", "lng", "lat", "coord_system", "hours", "type", "notes"];

    /// <summary>Optional columns a list may add.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["street", "phone", "audience", "state", "city"];

    /// <summary>The columns that locate a site: a row gives all three or none (none keeps a stored site's point).</summary>
    public static IReadOnlyList<string> PointColumns { get; } = ["lng", "lat", "coord_system"];

    public int Row { get; init; }
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public string? this[string column] => Values.TryGetValue(column, out var v) ? v : null;

    /// <summary>
    /// Whether the row carries the column at all. A carried column updates the site, an empty one
    /// clears it; a column the row does not carry leaves the stored value as it is.
    /// </summary>
    public bool Has(string column) => Values.ContainsKey(column);

    /// <summary>
    /// Reads CSV with a header row. Unknown columns are ignored. Only source_id is needed in every
    /// file (a list may update a few columns of stored sites); lng, lat and coord_system come together.
    /// </summary>
    public static IReadOnlyList<SiteInput> FromCsv(TextReader reader, out string? headerError)
    {
        try
        {
            return ReadCsv(reader, out headerError);
        }
        catch (CsvFormatException e)
        {
            headerError = e.Message;
            return [];
        }
    }

    private static IReadOnlyList<SiteInput> ReadCsv(TextReader reader, out string? headerError)
    {
        headerError = null;
        using var records = CsvReader.Read(reader).GetEnumerator();
        if (!records.MoveNext())
        {
            headerError = "the file is empty: expected a header row with " + string.Join(',', Columns);
            return [];
        }

        var header = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToArray();
        if (!header.Contains("source_id"))
        {
            headerError = "missing column(s): source_id (every row names the site it imports)";
            return [];
        }

        var pointColumns = PointColumns.Where(header.Contains).ToArray();
        if (pointColumns.Length is > 0 and < 3)
        {
            headerError = "missing column(s): " + string.Join(", ", PointColumns.Except(pointColumns)) + " (lng, lat and coord_system come together)";
            return [];
        }

        var rows = new List<SiteInput>();
        var row = 0;
        while (records.MoveNext())
        {
            var fields = records.Current.Fields;
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
                continue;

            row++;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            // A short row's missing cells are empty: the file carries the column, so they clear it.
            for (var i = 0; i < header.Length; i++)
                values.TryAdd(header[i], i < fields.Count ? fields[i] : string.Empty);
            rows.Add(new SiteInput { Row = row, Values = values });
        }

        return rows;
    }

    /// <summary>Reads a JSON array of objects (or {"sites": [...]}) keyed by the CSV column names.</summary>
    public static IReadOnlyList<SiteInput> FromJson(JsonDocument document, out string? formatError)
    {
        formatError = null;
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("sites", out var sites))
            root = sites;
        if (root.ValueKind != JsonValueKind.Array)
        {
            formatError = "expected a JSON array of sites or an object with a \"sites\" array";
            return [];
        }

        var rows = new List<SiteInput>();
        var row = 0;
        foreach (var item in root.EnumerateArray())
        {
            row++;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    var text = property.Value.ValueKind switch
                    {
                        JsonValueKind.String => property.Value.GetString(),
                        JsonValueKind.Number => property.Value.GetRawText(),
                        // null, like "", clears the field; a key left out keeps it.
                        JsonValueKind.Null => string.Empty,
                        _ => property.Value.GetRawText(),
                    };
                    values[property.Name.ToLower(CultureInfo.InvariantCulture)] = text ?? string.Empty;
                }
            }

            rows.Add(new SiteInput { Row = row, Values = values });
        }

        return rows;
    }
}
