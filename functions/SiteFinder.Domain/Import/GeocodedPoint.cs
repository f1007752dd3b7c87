using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Import;

/// <summary>A point found for a row's text: WGS-84 (the gazetteer stores WGS-84, Azure Maps answers in it), its source, how sure the source is (0–1) and what it matched.</summary>
public sealed record GeocodedPoint(GeoPoint Location, GeocodeSource Source, double Confidence, string Label);
