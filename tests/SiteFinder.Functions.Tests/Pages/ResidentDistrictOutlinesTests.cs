using System.Net;
using System.Text.Json;
using SiteFinder.Domain.Geo;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>GET /api/districts/outlines, which the resident page draws: the planners' boundaries, thinned, anonymous, in the system asked.</summary>
public sealed class ResidentDistrictOutlinesTests(ResidentPageFixture host) : IClassFixture<ResidentPageFixture>
{
    [Fact]
    public async Task The_uploaded_boundary_comes_back_anonymously_with_the_vertices_of_its_straight_edge_dropped()
    {
        var (response, body) = await host.GetAsync("districts/outlines");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("wgs84", body.GetProperty("coord").GetString());
        var district = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal("黄浦区", district.GetProperty("name").GetString());
        var ring = Points(Assert.Single(district.GetProperty("rings").EnumerateArray()));
        Assert.Equal([(121.455, 31.220), (121.490, 31.220), (121.490, 31.245), (121.455, 31.245), (121.455, 31.220)], ring);
        Assert.True(response.Headers.Contains("X-Catalogue-Age") || response.Headers.Contains("X-Status-Age"), "a read says how old its data is");
    }

    [Fact]
    public async Task Asked_in_gcj02_each_vertex_is_the_api_s_own_conversion_of_the_wgs84_one()
    {
        var (_, wgs) = await host.GetAsync("districts/outlines?coord=wgs84");
        var (response, gcj) = await host.GetAsync("districts/outlines?coord=GCJ-02");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gcj02", gcj.GetProperty("coord").GetString());
        var plain = Points(wgs.GetProperty("items")[0].GetProperty("rings")[0]);
        var shifted = Points(gcj.GetProperty("items")[0].GetProperty("rings")[0]);
        Assert.Equal(plain.Length, shifted.Length);
        foreach (var (p, q) in plain.Zip(shifted))
        {
            var expected = ChinaCoordinates.Convert(new GeoPoint(p.Lat, p.Lng), CoordinateSystem.Wgs84, CoordinateSystem.Gcj02);
            Assert.Equal(Math.Round(expected.Lat, 6), q.Lat);
            Assert.Equal(Math.Round(expected.Lng, 6), q.Lng);
            var offset = GreatCircle.DistanceMeters(new GeoPoint(p.Lat, p.Lng), new GeoPoint(q.Lat, q.Lng));
            Assert.InRange(offset, 300, 800);
        }
    }

    [Theory]
    [InlineData("districts/outlines?coords=gcj02", "coords")]
    [InlineData("districts/outlines?coord=mercator", "coord")]
    [InlineData("districts/outlines?district=%E9%BB%84%E6%B5%A6%E5%8C%BA", "district")]
    public async Task A_parameter_it_does_not_read_or_a_system_it_does_not_know_is_a_400_naming_it(string url, string field)
    {
        var (response, problem) = await host.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid-request", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static (double Lng, double Lat)[] Points(JsonElement ring) =>
        [.. ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))];
}
