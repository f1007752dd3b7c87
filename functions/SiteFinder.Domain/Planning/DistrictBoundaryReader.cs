using System.Globalization;
using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Reads district boundaries from a GeoJSON FeatureCollection of Polygon or MultiPolygon features with
/// a <c>name</c> property, in the coordinate system the uploader names (GeoJSON means WGS-84; the
/// DataV file is GCJ-02), converting every vertex to WGS-84. A feature is refused, naming its field,
/// when it has no name, another geometry, a ring of fewer than 4 positions or a position that is not
/// two numbers, or when it lies wholly outside the city's box (a boundary may cross the box: 崇明's does).
/// Row numbers in the report are the feature's position, from 1.
/// </summary>
public static class DistrictBoundaryReader
{
    public const int MaxFeatures = 1_000;

    public static DistrictsUpload FromGeoJson(JsonDocument document, CoordinateSystem system, GazetteerArea area)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(area);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "FeatureCollection"
            || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return new DistrictsUpload([], [], "expected a GeoJSON FeatureCollection with a \"features\" array");
        }

        if (features.GetArrayLength() > MaxFeatures)
            return new DistrictsUpload([], [], $"more than {MaxFeatures} features: a city's districts are tens");

        var byName = new Dictionary<string, DistrictBoundary>(StringComparer.Ordinal);
        var refused = new List<RowReport>();
        var row = 0;
        foreach (var feature in features.EnumerateArray())
        {
            row++;
            var prefix = string.Create(CultureInfo.InvariantCulture, $"features[{row - 1}]");
            var (boundary, errors) = Read(feature, prefix, system, area);
            if (boundary is null)
                refused.Add(new RowReport(row, null, null, RowOutcome.Rejected) { Errors = errors });
            else
                byName[boundary.Name] = boundary;
        }

        return new DistrictsUpload([.. byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal)], refused);
    }

    private static (DistrictBoundary? Boundary, IReadOnlyList<FieldError> Errors) Read(JsonElement feature, string prefix, CoordinateSystem system, GazetteerArea area)
    {
        var errors = new List<FieldError>();
        if (feature.ValueKind != JsonValueKind.Object)
            return (null, [new FieldError(prefix, "not a GeoJSON Feature object")]);

        string? name = null;
        if (feature.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            && properties.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String)
        {
            try
            {
                name = nameElement.GetString()?.Trim();
            }
            catch (InvalidOperationException)
            {
                // An escaped lone surrogate: no text to show on a map.
                return (null, [new FieldError(prefix + ".properties.name", "not valid Unicode text (a lone surrogate escape)")]);
            }
        }

        if (string.IsNullOrEmpty(name))
            errors.Add(new FieldError(prefix + ".properties.name", "required: the district's name"));
        else if (StoredText.Problem(name) is { } problem)
            errors.Add(new FieldError(prefix + ".properties.name", problem));
        else if (name.Length > 100)
            errors.Add(new FieldError(prefix + ".properties.name", "at most 100 characters"));

        var polygons = new List<IReadOnlyList<IReadOnlyList<GeoPoint>>>();
        if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object
            || !geometry.TryGetProperty("type", out var geometryType) || !geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new FieldError(prefix + ".geometry", "required: a Polygon or MultiPolygon with coordinates"));
        }
        else if (geometryType.ValueKind == JsonValueKind.String && geometryType.GetString() is "Polygon" or "MultiPolygon")
        {
            var multi = geometryType.GetString() == "MultiPolygon";
            var polygonElements = multi ? [.. coordinates.EnumerateArray()] : new[] { coordinates };
            foreach (var polygonElement in polygonElements)
            {
                if (Polygon(polygonElement, system) is { } polygon)
                    polygons.Add(polygon);
                else
                    errors.Add(new FieldError(prefix + ".geometry.coordinates", "each ring must be an array of at least 4 [lng, lat] positions"));
            }

            if (polygons.Count == 0 && errors.Count == 0)
                errors.Add(new FieldError(prefix + ".geometry.coordinates", "no polygon"));
        }
        else
        {
            errors.Add(new FieldError(prefix + ".geometry.type", $"'{geometryType}' is not Polygon or MultiPolygon"));
        }

        if (errors.Count > 0 || name is null)
            return (null, errors);

        var boundary = new DistrictBoundary(name, polygons);
        var points = polygons.SelectMany(p => p).SelectMany(r => r).ToList();
        if (points.Max(p => p.Lat) < area.MinLat || points.Min(p => p.Lat) > area.MaxLat || points.Max(p => p.Lng) < area.MinLng || points.Min(p => p.Lng) > area.MaxLng)
        {
            return (null, [new FieldError(prefix + ".geometry.coordinates", string.Create(CultureInfo.InvariantCulture, $"lies wholly outside {area.Name} ({area.MinLat}–{area.MaxLat} N, {area.MinLng}–{area.MaxLng} E); is it [lng, lat]?"))]);
        }

        return (boundary, []);
    }

    private static List<IReadOnlyList<GeoPoint>>? Polygon(JsonElement polygon, CoordinateSystem system)
    {
        if (polygon.ValueKind != JsonValueKind.Array || polygon.GetArrayLength() == 0)
            return null;
        var rings = new List<IReadOnlyList<GeoPoint>>();
        foreach (var ring in polygon.EnumerateArray())
        {
            if (ring.ValueKind != JsonValueKind.Array || ring.GetArrayLength() < 4)
                return null;
            var points = new List<GeoPoint>(ring.GetArrayLength());
            foreach (var position in ring.EnumerateArray())
            {
                // TryGetDouble throws on a string ("121.4"), so the kinds are checked first.
                if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                    || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number
                    || !position[0].TryGetDouble(out var lng) || !position[1].TryGetDouble(out var lat)
                    || lng is < -180 or > 180 || lat is < -90 or > 90)
                {
                    return null;
                }

                points.Add(new LabelledPoint(new GeoPoint(lat, lng), system).To(CoordinateSystem.Wgs84).Point);
            }

            rings.Add(points);
        }

        return rings;
    }
}
