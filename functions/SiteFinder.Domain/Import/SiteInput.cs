using System.Globalization;
using System.Text.Json;
using SiteFinder.Domain.Sites;

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

    /// <summary>Fields whose value could not be taken as text at all (a JSON object where a name belongs), with why.</summary>
    public IReadOnlyDictionary<string, string> Refused { get; init; } = new Dictionary<string, string>();

    public string? this[string column] => Values.TryGetValue(column, out var v) ? v : null;

    /// <summary>What is wrong with the row before any field is read: the refused values, and text that cannot be stored (<see cref="StoredText"/>).</summary>
    public IReadOnlyList<FieldError> Problems()
    {
        var problems = Refused.Select(r => new FieldError(r.Key, r.Value)).ToList();
        foreach (var (column, value) in Values)
        {
            if (!Refused.ContainsKey(column) && StoredText.Problem(value) is { } problem)
                problems.Add(new FieldError(column, problem));
        }

        return problems;
    }

    /// <summary>
    /// A city's full list is about 9,000 sites and a country's would not reach this: a file with more rows is
    /// a mistake (or an attack), and importing it would hold the request for minutes. The whole file is refused.
    /// </summary>
    public const int MaxRows = 100_000;

    /// <summary>
    /// Why a list of this many rows is refused, or null: more than <see cref="MaxRows"/>, or none at all (a
    /// header alone, or an empty array, is a file saved before its rows were pasted, not an import).
    /// </summary>
    public static string? RowCountProblem(int rows) => rows switch
    {
        0 => "no rows: the file has a header (or an empty array) but no site",
        > MaxRows => string.Create(CultureInfo.InvariantCulture, $"{rows} rows: at most {MaxRows} in one import; split the list by district"),
        _ => null,
    };

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

        try
        {
            return ReadJsonRows(root);
        }
        catch (LoneSurrogateException)
        {
            formatError = "not valid JSON text: a string holds an unpaired surrogate escape (such as \\ud800)";
            return [];
        }
    }

    private static List<SiteInput> ReadJsonRows(JsonElement root)
    {
        var rows = new List<SiteInput>();
        var row = 0;
        foreach (var item in root.EnumerateArray())
        {
            row++;
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var refused = new Dictionary<string, string>(StringComparer.Ordinal);
            if (item.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in item.EnumerateObject())
                {
                    var column = property.Name.ToLower(CultureInfo.InvariantCulture);
                    var (text, problem) = Scalar(property.Value);
                    values[column] = text ?? string.Empty;
                    if (problem is not null)
                        refused[column] = problem;
                }
            }

            rows.Add(new SiteInput { Row = row, Values = values, Refused = refused });
        }

        return rows;
    }

    /// <summary>A JSON value as the text of a cell: strings and numbers only, so that an object never becomes a name.</summary>
    private static (string? Text, string? Problem) Scalar(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                try
                {
                    return (value.GetString(), null);
                }
                catch (InvalidOperationException e)
                {
                    // An escaped lone surrogate ("\ud800") spells no text at all: the file is not text, as a
                    // CSV with bytes that are not UTF-8 is not, so the whole file is refused (FromJson).
                    throw new LoneSurrogateException(e);
                }

            case JsonValueKind.Number:
                return (value.GetRawText(), null);

            // null, like "", clears the field; a key left out keeps it.
            case JsonValueKind.Null:
                return (string.Empty, null);

            default:
                return (null, $"expected text or a number, not {Article(value.ValueKind)}");
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "true or false",
    };

    private sealed class LoneSurrogateException(Exception inner) : Exception("lone surrogate escape", inner);
}
