using System.Text.Json.Serialization;

namespace SiteFinder.Functions.OpenData;

/// <summary>A GeoJSON Point: WGS-84 <c>[longitude, latitude]</c>, the only coordinates RFC 7946 allows.</summary>
public sealed record PointGeometry(IReadOnlyList<double> Coordinates)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Point";
}
