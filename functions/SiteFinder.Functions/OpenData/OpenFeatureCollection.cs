using System.Text.Json.Serialization;

namespace SiteFinder.Functions.OpenData;

/// <summary>
/// The open data feed: a GeoJSON FeatureCollection whose foreign members (RFC 7946 §6.1) say under
/// which terms it is published and how to read it, written before the features so that they are the
/// first thing a reader sees.
/// </summary>
public sealed record OpenFeatureCollection
{
    [JsonPropertyOrder(-1)]
    public string Type => "FeatureCollection";

    public required OpenDataLicense License { get; init; }

    public required IReadOnlyList<string> Usage { get; init; }

    /// <summary>The instant the statuses were computed for (the start of a minute).</summary>
    public required DateTimeOffset GeneratedAt { get; init; }

    public required long CatalogueVersion { get; init; }

    public required long StatusVersion { get; init; }

    /// <summary>A status reported longer ago than this is no status.</summary>
    public required int StatusTtlMinutes { get; init; }

    public required IReadOnlyList<OpenFeature> Features { get; init; }
}
