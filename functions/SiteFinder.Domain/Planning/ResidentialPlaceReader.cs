using System.Globalization;
using System.Text.Json;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Reads planners' residential places exactly as the gazetteer reads its places (<see cref="GazetteerReader"/>:
/// the columns of the places file as they are, name or place_name, lng, lat, coord or coord_system,
/// district; rows at (0, 0) or outside the city's box refused by field; a repeated district + name
/// keeps the later row), plus an optional <c>weight</c> column: a number &gt; 0 (households,
/// residents), 1 when empty. A row with a bad weight is refused naming <c>weight</c>; when that row
/// was the later of two with the same place, the place is left out.
/// </summary>
public static class ResidentialPlaceReader
{
    public const string WeightField = "weight";

    /// <summary>A weight above this is a unit mistake (a compound of ten million households), not a place.</summary>
    public const double MaxWeight = 10_000_000;

    public static PlacesUpload FromCsv(string text, GazetteerArea area)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = new StringReader(text);
        var upload = GazetteerReader.FromCsv(reader, area);
        if (upload.FileError is not null)
            return new PlacesUpload([], upload.Report, upload.FileError);

        // The gazetteer read the file as valid CSV, so this second pass cannot fail: it only looks for weights.
        using var again = new StringReader(text);
        using var records = CsvReader.Read(again).GetEnumerator();
        records.MoveNext();
        var column = records.Current.Fields.Select(h => h.Trim().TrimStart('\uFEFF').ToLowerInvariant()).ToList().IndexOf(WeightField);
        var weights = new List<string?>();
        while (records.MoveNext())
        {
            var fields = records.Current.Fields;
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
                continue;
            weights.Add(column >= 0 && column < fields.Count ? fields[column] : null);
        }

        return WithWeights(upload, weights);
    }

    public static PlacesUpload FromJson(JsonDocument document, GazetteerArea area)
    {
        ArgumentNullException.ThrowIfNull(document);
        var upload = GazetteerReader.FromJson(document, area);
        if (upload.FileError is not null)
            return new PlacesUpload([], upload.Report, upload.FileError);

        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("places", out var places))
            root = places;
        var weights = root.EnumerateArray().Select(item =>
            item.ValueKind == JsonValueKind.Object && item.EnumerateObject().FirstOrDefault(p => p.Name.Equals(WeightField, StringComparison.OrdinalIgnoreCase)) is { Value.ValueKind: not JsonValueKind.Undefined } w
                ? w.Value.ValueKind switch
                {
                    JsonValueKind.String => w.Value.GetString(),
                    JsonValueKind.Null => null,
                    _ => w.Value.GetRawText(),
                }
                : null).ToList();
        return WithWeights(upload, weights);
    }

    /// <summary>The weight a cell holds, or the reason it is not one.</summary>
    public static (double Weight, string? Error) ParseWeight(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (1, null);
        if (!double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var weight) || !double.IsFinite(weight))
            return (0, $"'{text.Trim()}' is not a number");
        if (weight <= 0 || weight > MaxWeight)
            return (0, string.Create(CultureInfo.InvariantCulture, $"{weight} is not above 0 and at most {MaxWeight}"));
        return (weight, null);
    }

    private static PlacesUpload WithWeights(GazetteerUpload upload, IReadOnlyList<string?> weights)
    {
        var rows = new List<RowReport>(upload.Report.Rows.Count);
        var bySourceId = new Dictionary<string, double?>(StringComparer.Ordinal);
        var refused = 0;
        foreach (var row in upload.Report.Rows)
        {
            if (row.Outcome != RowOutcome.Accepted || row.SourceId is null)
            {
                rows.Add(row);
                continue;
            }

            var (weight, error) = ParseWeight(row.Row - 1 < weights.Count ? weights[row.Row - 1] : null);
            if (error is null)
            {
                bySourceId[row.SourceId] = weight;
                rows.Add(row);
                continue;
            }

            bySourceId[row.SourceId] = null;
            refused++;
            rows.Add(row with { Outcome = RowOutcome.Rejected, Id = null, Errors = [new FieldError(WeightField, error)], Warnings = [] });
        }

        var places = upload.Entries
            .Where(e => bySourceId.GetValueOrDefault(e.SourceId) is not null)
            .Select(e => new ResidentialPlace(e.Name, e.District, e.Location, bySourceId[e.SourceId]!.Value))
            .ToList();
        var s = upload.Report.Summary;
        var summary = new GazetteerSummary(s.Received, s.Accepted - refused, s.Rejected + refused, s.Duplicates);
        return new PlacesUpload(places, new GazetteerReport(summary, rows));
    }
}
