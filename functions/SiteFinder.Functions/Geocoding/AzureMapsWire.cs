using System.Text.Json.Serialization;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// Azure Maps Search 2023-06-01 on the wire, only the fields the geocoder reads or sends. Source:
/// Azure/azure-rest-api-specs, specification/maps/data-plane/Search/stable/2023-06-01/search.json
/// (GeocodingResponse, FeaturesItem, GeocodingBatchRequestItem, GeocodingBatchResponse) and its
/// examples ForwardGeocoding*.json. Coordinates are GeoJSON: [longitude, latitude].
/// </summary>
internal static class AzureMapsWire
{
    public const string ApiVersion = "2023-06-01";

    /// <summary>Items one POST /geocode:batch accepts ("max of 100 queries and must contain at least 1").</summary>
    public const int MaxBatchItems = 100;

    /// <summary>A GET /geocode answer, and one item of a batch answer (then with optionalId, or error instead of features).</summary>
    internal sealed record FeatureCollection(string? Type, List<Feature>? Features, string? OptionalId, ErrorDetail? Error);

    internal sealed record Feature(Point? Geometry, FeatureProperties? Properties);

    internal sealed record Point(string? Type, double[]? Coordinates);

    /// <summary>confidence is "High", "Medium" or "Low"; type is Address, RoadBlock, PopulatedPlace...; matchCodes Good, Ambiguous, UpHierarchy.</summary>
    internal sealed record FeatureProperties(string? Type, string? Confidence, List<string>? MatchCodes, Address? Address);

    internal sealed record Address(string? FormattedAddress, string? AddressLine, string? Locality);

    /// <summary>The body of every error answer (common.json's default response: ErrorResponse).</summary>
    internal sealed record ErrorResponse(ErrorDetail? Error);

    internal sealed record ErrorDetail(string? Code, string? Message);

    internal sealed record BatchRequest(IReadOnlyList<BatchRequestItem> BatchItems);

    /// <summary>A batch item takes the GET's parameters as JSON; bbox and coordinates as number arrays, longitude first.</summary>
    internal sealed record BatchRequestItem(
        string Query,
        int Top,
        string OptionalId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? Bbox,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double[]? Coordinates);

    internal sealed record BatchResponse(List<FeatureCollection>? BatchItems);
}
