using SiteFinder.Domain.Geo;
using SiteFinder.Tests;

namespace SiteFinder.Domain.Tests.Geo;

public class GreatCircleTests
{
    [Fact]
    public void Chord_distance_agrees_with_haversine()
    {
        var random = new Random(7);
        for (var i = 0; i < 10_000; i++)
        {
            var a = new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            var b = new GeoPoint((random.NextDouble() * 180) - 90, (random.NextDouble() * 360) - 180);
            var chord = GreatCircle.DistanceMeters(a, b);
            var haversine = Haversine.Meters(a, b);
            Assert.True(Math.Abs(chord - haversine) < 1e-6 * Math.Max(1, haversine), $"{a} {b}: {chord} vs {haversine}");
        }
    }

    [Fact]
    public void Known_distance_shanghai_people_square_to_the_bund()
    {
        // People's Square (31.2304, 121.4737) to the Bund bull (31.2400, 121.4900): about 1.9 km.
        var d = GreatCircle.DistanceMeters(new GeoPoint(31.2304, 121.4737), new GeoPoint(31.2400, 121.4900));
        Assert.InRange(d, 1850, 1950);
    }

    [Fact]
    public void Chord_conversion_round_trips()
    {
        foreach (var meters in new[] { 0.0, 1, 1500, 50_000, 1_000_000, 20_000_000 })
            Assert.Equal(meters, GreatCircle.MetersFromChordSquared(GreatCircle.ChordSquaredFromMeters(meters)), 1e-3);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(80, 2)]
    [InlineData(1000, 17)]
    public void Walking_minutes_include_the_detour(double meters, int minutes) =>
        Assert.Equal(minutes, GreatCircle.WalkingMinutes(meters));
}
