using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Planning;
using SiteFinder.Tests;

namespace SiteFinder.Domain.Tests.Planning;

public class PlanningReadersTests
{
    private const string PlacesCsv = """
        district,place_name,lng,lat,coord_system,first_date,last_date,days_listed,n_coord_variants,in_shanghai_bbox,weight
        浦东新区,利津路1313弄,121.592683,31.281026,GCJ-02,2022-03-19,2022-04-20,10,1,1,120
        浦东新区,汇南村,121.744431,31.035463,GCJ-02,2022-03-19,2022-04-20,16,1,1,
        黄浦区,零点,0,0,GCJ-02,2022-03-19,2022-04-20,1,1,0,
        黄浦区,远方,114.05,31.2,GCJ-02,2022-03-19,2022-04-20,1,1,0,
        黄浦区,坏权重,121.47,31.23,GCJ-02,2022-03-19,2022-04-20,1,1,1,many
        """;

    [Fact]
    public void Places_are_read_with_the_places_file_columns_an_optional_weight_and_refusals_by_field()
    {
        var upload = ResidentialPlaceReader.FromCsv(PlacesCsv, GazetteerArea.Shanghai);
        Assert.Null(upload.FileError);
        Assert.Equal(["利津路1313弄", "汇南村"], upload.Places.Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(120, upload.Places.Single(p => p.Name == "利津路1313弄").Weight);
        Assert.Equal(1, upload.Places.Single(p => p.Name == "汇南村").Weight);
        Assert.Equal((5, 2, 3), (upload.Report.Summary.Received, upload.Report.Summary.Accepted, upload.Report.Summary.Rejected));
        Assert.Equal(["rejected:lng", "rejected:weight"], upload.Report.Problems.Select(p => p.Kind).Order(StringComparer.Ordinal));
        Assert.Equal([5], upload.Report.Problems.Single(p => p.Kind == "rejected:weight").FirstRows);

        // GCJ-02 in, WGS-84 stored: a few hundred metres west and south.
        var place = upload.Places.Single(p => p.Name == "利津路1313弄");
        Assert.InRange(Haversine.Meters(place.Location, new GeoPoint(31.281026, 121.592683)), 300, 700);
    }

    [Fact]
    public void Places_read_from_json_take_weights_as_numbers_or_text()
    {
        using var document = JsonDocument.Parse("""[{"name":"甲","district":"黄浦区","lng":121.47,"lat":31.23,"coord":"wgs84","weight":3},{"name":"乙","lng":"121.48","lat":"31.23","coord":"wgs84","weight":"0"}]""");
        var upload = ResidentialPlaceReader.FromJson(document, GazetteerArea.Shanghai);
        Assert.Equal(3, upload.Places.Single().Weight);
        Assert.Equal("rejected:weight", upload.Report.Problems.Single().Kind);
    }

    [Fact]
    public void Boundaries_are_read_from_geojson_and_bad_features_refused_by_field()
    {
        using var document = JsonDocument.Parse("""
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"name":"甲"},"geometry":{"type":"Polygon","coordinates":[[[121.4,31.2],[121.5,31.2],[121.5,31.3],[121.4,31.3],[121.4,31.2]]]}},
              {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[121.4,31.2],[121.5,31.2],[121.5,31.3],[121.4,31.2]]]}},
              {"type":"Feature","properties":{"name":"点"},"geometry":{"type":"Point","coordinates":[121.4,31.2]}},
              {"type":"Feature","properties":{"name":"远"},"geometry":{"type":"MultiPolygon","coordinates":[[[[10,10],[11,10],[11,11],[10,10]]]]}},
              {"type":"Feature","properties":{"name":"短"},"geometry":{"type":"Polygon","coordinates":[[[121.4,31.2],[121.5,31.2],[121.4,31.2]]]}}
            ]}
            """);
        var upload = DistrictBoundaryReader.FromGeoJson(document, CoordinateSystem.Wgs84, GazetteerArea.Shanghai);
        Assert.Null(upload.FileError);
        Assert.Equal(["甲"], upload.Districts.Select(d => d.Name));
        Assert.True(upload.Districts[0].Contains(new GeoPoint(31.25, 121.45)));
        Assert.Equal(
            ["features[1].properties.name", "features[2].geometry.type", "features[3].geometry.coordinates", "features[4].geometry.coordinates"],
            upload.Refused.SelectMany(r => r.Errors).Select(e => e.Field));
        Assert.Equal([2, 3, 4, 5], upload.Refused.Select(r => r.Row));
    }

    [Fact]
    public void A_file_that_is_not_a_feature_collection_is_refused_whole()
    {
        using var document = JsonDocument.Parse("""{"type":"Feature"}""");
        Assert.NotNull(DistrictBoundaryReader.FromGeoJson(document, CoordinateSystem.Wgs84, GazetteerArea.Shanghai).FileError);
    }

    [RealDataFact]
    public void The_shared_places_and_districts_files_read_as_the_readme_says_and_most_places_fall_in_a_polygon()
    {
        var places = ResidentialPlaceReader.FromCsv(File.ReadAllText(RealData.PathOf(RealData.ShanghaiPlaces)), GazetteerArea.Shanghai);
        Assert.Equal(38_042, places.Report.Summary.Received);
        Assert.Equal(38_042 - 29_197, places.Report.Summary.Rejected);
        Assert.True(places.Places.Count <= 29_197);

        using var document = JsonDocument.Parse(File.ReadAllText(RealData.PathOf(RealData.ShanghaiDistricts)));
        var districts = DistrictBoundaryReader.FromGeoJson(document, CoordinateSystem.Gcj02, GazetteerArea.Shanghai);
        Assert.Equal(16, districts.Districts.Count);
        Assert.Empty(districts.Refused);

        var area = new PlanningArea(places.Places, districts.Districts);
        var byPolygon = area.Assignments.Count(a => a == DistrictAssignment.Polygon);
        Assert.True(byPolygon > 0.97 * area.Places.Count, $"{byPolygon} of {area.Places.Count} in a polygon");

        // Where the row and the polygon disagree, it is rare (border streets, namesakes).
        var disagree = Enumerable.Range(0, area.Places.Count).Count(i => area.Assignments[i] == DistrictAssignment.Polygon && area.Districts[i] != area.Places[i].District);
        Assert.True(disagree < 0.05 * area.Places.Count, $"{disagree} disagree");
    }
}
