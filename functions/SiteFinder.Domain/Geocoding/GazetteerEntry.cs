using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Geocoding;

/// <summary>
/// One place of the gazetteer: a name a resident may type, its district, where it is (always
/// WGS-84 here, whatever the uploaded file used), an optional kind (小区, 街道, 地铁站...) and the
/// id it had in its source (given, or made from district and name).
/// </summary>
public sealed record GazetteerEntry(string SourceId, string Name, string District, GeoPoint Location, string? Kind);
