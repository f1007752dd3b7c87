using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Domain.Planning;

/// <summary>What a places upload gives: the places to publish and the row-by-row report in the gazetteer's terms; or, when the file cannot be read at all, why.</summary>
public sealed record PlacesUpload(IReadOnlyList<ResidentialPlace> Places, GazetteerReport Report, string? FileError = null);
