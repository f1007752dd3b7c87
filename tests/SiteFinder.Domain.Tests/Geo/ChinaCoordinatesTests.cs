using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Tests.Geo;

public class ChinaCoordinatesTests
{
    // Reference values published with wandergis/coordtransform and ports of it (forward transforms are closed-form).
    [Fact]
    public void Wgs_to_gcj_matches_the_published_reference()
    {
        var gcj = ChinaCoordinates.WgsToGcj(new GeoPoint(39.915, 116.404));
        Assert.Equal(39.91640428150164, gcj.Lat, 1e-12);
        Assert.Equal(116.41024449916938, gcj.Lng, 1e-12);
    }

    [Fact]
    public void Gcj_to_bd_matches_the_published_reference()
    {
        var bd = ChinaCoordinates.GcjToBd(new GeoPoint(39.915, 116.404));
        Assert.Equal(39.92133699351021, bd.Lat, 1e-12);
        Assert.Equal(116.41036949371029, bd.Lng, 1e-12);
    }

    // A second, independent implementation; it differs from coordtransform by a few millimetres (constants), so compare to 1e-6°.
    [Fact]
    public void Wgs_to_gcj_and_bd_near_shanghai_match_a_second_reference()
    {
        var wgs = new GeoPoint(30.6107779, 121.0917077);
        var gcj = ChinaCoordinates.Convert(wgs, CoordinateSystem.Wgs84, CoordinateSystem.Gcj02);
        var bd = ChinaCoordinates.Convert(wgs, CoordinateSystem.Wgs84, CoordinateSystem.Bd09);
        Assert.Equal(30.608604331756705, gcj.Lat, 1e-6);
        Assert.Equal(121.09626935575027, gcj.Lng, 1e-6);
        Assert.Equal(30.61484572185035, bd.Lat, 1e-6);
        Assert.Equal(121.10271732371203, bd.Lng, 1e-6);
    }

    [Fact]
    public void Iterative_inverse_is_closer_than_the_one_step_inverse()
    {
        // The usual one-step inverse gives (39.91359571849836, 116.39775550083061) for GCJ (39.915, 116.404): off by metres.
        var gcj = new GeoPoint(39.915, 116.404);
        var wgs = ChinaCoordinates.GcjToWgs(gcj);
        var oneStep = new GeoPoint(39.91359571849836, 116.39775550083061);
        Assert.True(GreatCircle.DistanceMeters(ChinaCoordinates.WgsToGcj(wgs), gcj) < 0.001);
        Assert.True(GreatCircle.DistanceMeters(ChinaCoordinates.WgsToGcj(oneStep), gcj) > 0.01);
        Assert.True(GreatCircle.DistanceMeters(wgs, oneStep) < 5);
    }

    [Fact]
    public void Round_trips_across_china_stay_within_half_a_metre()
    {
        var worst = 0.0;
        for (var lat = 18.0; lat <= 53.5; lat += 0.37)
        {
            for (var lng = 74.0; lng <= 134.5; lng += 0.53)
            {
                var wgs = new GeoPoint(lat, lng);
                foreach (var system in new[] { CoordinateSystem.Gcj02, CoordinateSystem.Bd09 })
                {
                    var there = ChinaCoordinates.Convert(wgs, CoordinateSystem.Wgs84, system);
                    var back = ChinaCoordinates.Convert(there, system, CoordinateSystem.Wgs84);
                    worst = Math.Max(worst, GreatCircle.DistanceMeters(wgs, back));
                    var again = ChinaCoordinates.Convert(back, CoordinateSystem.Wgs84, system);
                    worst = Math.Max(worst, GreatCircle.DistanceMeters(there, again));
                }
            }
        }

        Assert.True(worst <= 0.5, $"worst round trip {worst} m");
        Assert.True(worst < 0.01, $"worst round trip {worst} m (expected millimetres)");
    }

    [Fact]
    public void The_shift_in_shanghai_is_hundreds_of_metres()
    {
        var wgs = new GeoPoint(31.2304, 121.4737);
        var gcj = ChinaCoordinates.WgsToGcj(wgs);
        var bd = ChinaCoordinates.GcjToBd(gcj);
        Assert.InRange(GreatCircle.DistanceMeters(wgs, gcj), 300, 800);
        Assert.InRange(GreatCircle.DistanceMeters(gcj, bd), 500, 1200);
    }

    [Theory]
    [InlineData(51.5072, -0.1276)]
    [InlineData(-33.8688, 151.2093)]
    [InlineData(40.7128, -74.0060)]
    [InlineData(0, 0)]
    public void Points_outside_china_are_not_shifted(double lat, double lng)
    {
        var p = new GeoPoint(lat, lng);
        foreach (var from in Enum.GetValues<CoordinateSystem>())
        {
            foreach (var to in Enum.GetValues<CoordinateSystem>())
                Assert.Equal(p, ChinaCoordinates.Convert(p, from, to));
        }
    }

    [Theory]
    [InlineData("wgs84", CoordinateSystem.Wgs84)]
    [InlineData("WGS-84", CoordinateSystem.Wgs84)]
    [InlineData("GCJ-02", CoordinateSystem.Gcj02)]
    [InlineData("gcj02", CoordinateSystem.Gcj02)]
    [InlineData("BD-09", CoordinateSystem.Bd09)]
    [InlineData(" bd09 ", CoordinateSystem.Bd09)]
    public void System_labels_parse(string text, CoordinateSystem expected)
    {
        Assert.True(CoordinateSystemNames.TryParse(text, out var system));
        Assert.Equal(expected, system);
    }

    [Theory]
    [InlineData("")]
    [InlineData("utm")]
    [InlineData(null)]
    public void Unknown_labels_do_not_parse(string? text) => Assert.False(CoordinateSystemNames.TryParse(text, out _));
}
