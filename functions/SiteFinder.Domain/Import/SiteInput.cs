using System.Globalization;
using System.Text.Json;

namespace SiteFinder.Domain.Import;

/// <summary>One row of a site list as given, every field still text. The columns are those of the shared CSV files.</summary>
public sealed record SiteInput
{
    public static IReadOnlyList<string> Columns { get; } =
        ["source_id", "name", "address", "district", "lng", "lat", "coord_system", "hours", "type", "notes"];

    /// <summary>Optional columns a list may add.</summary>
    public static IReadOnlyList<string> OptionalColumns { get; } = ["street", "phone", "audience", "state"];

    public int Row { get; init; }
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();

    public string? this[string column] => Values.TryGetValue(column, out var v) ? v : null;

    /// <summary>Reads CSV with a header row. Unknown columns are ignored; a missing required column is an error for the whole file.</summary>
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
        var missing = Columns.Where(c => c is "source_id" or "name" or "lng" or "lat" or "coord_system").Except(header).ToArray();
        if (missing.Length > 0)
        {
            headerError = "missing column(s): " + string.Join(", ", missing);
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
            for (var i = 0; i < header.Length && i < fields.Count; i++)
                values[header[i]] = fields[i];
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
                        JsonValueKind.Null => null,
                        _ => property.Value.GetRawText(),
                    };
                    if (text is not null)
                        values[property.Name.ToLower(CultureInfo.InvariantCulture)] = text;
                }
            }

            rows.Add(new SiteInput { Row = row, Values = values });
        }

        return rows;
    }
}
