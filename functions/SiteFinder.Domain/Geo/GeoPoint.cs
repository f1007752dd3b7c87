namespace SiteFinder.Domain.Geo;

/// <summary>A latitude/longitude pair in degrees. Which datum it is in travels with it in <see cref="LabelledPoint"/>.</summary>
public readonly record struct GeoPoint(double Lat, double Lng);

/// <summary>A point together with the coordinate system it is expressed in.</summary>
public readonly record struct LabelledPoint(GeoPoint Point, CoordinateSystem System)
{
    public LabelledPoint To(CoordinateSystem target) => new(ChinaCoordinates.Convert(Point, System, target), target);
}
