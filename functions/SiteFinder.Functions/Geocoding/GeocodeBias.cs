using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Geocoding;

/// <summary>
/// Where to look first. <see cref="Near"/> (a resident's position, WGS-84) wins over <see cref="Within"/>;
/// with neither, the geocoder biases to the city's box from the settings (<see cref="City"/>).
/// </summary>
public sealed record GeocodeBias(GeoPoint? Near = null, GeocodeBounds? Within = null)
{
    /// <summary>No bias of the caller's own: the configured city box.</summary>
    public static GeocodeBias City { get; } = new();
}
