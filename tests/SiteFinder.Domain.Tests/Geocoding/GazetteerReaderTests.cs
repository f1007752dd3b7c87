using System.Text.Json;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Domain.Tests.Geocoding;

public class GazetteerReaderTests(ITestOutputHelper output)
{
    private const string PlacesHeader = "district,place_name,lng,lat,coord_system,first_date,last_date,days_listed,n_coord_variants,in_shanghai_bbox\n";

    private static GazetteerUpload Csv(string text) => GazetteerReader.FromCsv(new StringReader(text), GazetteerArea.Shanghai);

    [Fact]
    public void A_row_of_the_places_file_becomes_a_wgs84_entry_known_by_district_and_name()
    {
        var upload = Csv(PlacesHeader + "浦东新区,利津路1313弄,121.592683,31.281026,GCJ-02,2022-03-19,2022-04-20,10,1,1\n");

        Assert.Null(upload.FileError);
        var entry = Assert.Single(upload.Entries);
        Assert.Equal(("浦东新区/利津路1313弄", "利津路1313弄", "浦东新区", (string?)null), (entry.SourceId, entry.Name, entry.District, entry.Kind));
        var expected = ChinaCoordinates.GcjToWgs(new GeoPoint(31.281026, 121.592683));
        Assert.Equal(expected, entry.Location);
        Assert.NotEqual(31.281026, entry.Location.Lat);
        Assert.Equal(new GazetteerSummary(1, 1, 0, 0), upload.Report.Summary);
    }

    [Fact]
    public void Bad_rows_are_refused_with_the_field_named_and_the_others_kept()
    {
        var upload = Csv("name,district,lng,lat,coord,kind\n"
            + "翠湖天地,黄浦区,121.47,31.22,WGS-84,小区\n"
            + ",黄浦区,121.47,31.22,WGS-84,\n"
            + "零点,黄浦区,0,0,GCJ-02,\n"
            + "嘉兴某小区,南湖区,120.75,30.75,GCJ-02,\n"
            + "北边,宝山区,121.4,32.5,GCJ-02,\n"
            + "坏点,黄浦区,abc,31.2,WGS-84,\n"
            + "坏系,黄浦区,121.47,31.22,MARS-2,\n"
            + "，。,黄浦区,121.47,31.22,WGS-84,\n"
            + $"{new string('长', 201)},黄浦区,121.47,31.22,WGS-84,\n");

        Assert.Equal(new GazetteerSummary(9, 1, 8, 0), upload.Report.Summary);
        Assert.Equal("小区", Assert.Single(upload.Entries).Kind);
        string Field(int row) => Assert.Single(upload.Report.Rows[row - 1].Errors).Field;
        Assert.Equal("name", Field(2));
        Assert.Equal("lng", Field(3));
        Assert.Equal("lng", Field(4));
        Assert.Equal("lat", Field(5));
        Assert.Equal("lng", Field(6));
        Assert.Equal("coord", Field(7));
        Assert.Equal("name", Field(8));
        Assert.Equal("name", Field(9));
        Assert.Contains(upload.Report.Problems, p => p is { Kind: "rejected:lng", Count: 3 } && p.FirstRows.SequenceEqual([3, 4, 6]));
    }

    [Fact]
    public void A_repeated_source_id_keeps_the_later_row_and_says_so()
    {
        var upload = Csv("name,district,lng,lat,coord\n和平新村,杨浦区,121.5,31.27,WGS-84\n和平新村,浦东新区,121.55,31.22,WGS-84\n和平新村,杨浦区,121.51,31.28,WGS-84\n");

        Assert.Equal(2, upload.Entries.Count);
        Assert.Equal(121.51, upload.Entries.Single(e => e.District == "杨浦区").Location.Lng);
        Assert.Equal(1, upload.Report.Summary.Duplicates);
        Assert.StartsWith("duplicate: same source id as row 1", Assert.Single(upload.Report.Rows[2].Warnings), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("name,lng,lat\n翠湖天地,121.47,31.22\n", "missing column(s): coord")]
    [InlineData("name,lng,lat,coord\n\"翠湖天地,121.47,31.22,WGS-84\n", "line 2")]
    public void A_file_that_cannot_be_read_says_why(string text, string reason)
    {
        var upload = Csv(text);
        Assert.Contains(reason, upload.FileError, StringComparison.Ordinal);
        Assert.Empty(upload.Entries);
    }

    [Fact]
    public void Json_takes_numbers_or_text_and_names_the_bad_field()
    {
        using var document = JsonDocument.Parse("""
            {"places": [
              {"name": "人民广场", "district": "黄浦区", "lat": 31.2317, "lng": 121.4726, "coord": "gcj02", "kind": "地铁站", "source_id": "metro:1"},
              {"name": "新天地", "district": "黄浦区", "lat": "31.219", "lng": "121.474", "coord": "bd09"},
              {"name": "无坐标", "district": "黄浦区", "coord": "wgs84"},
              42
            ]}
            """);
        var upload = GazetteerReader.FromJson(document, GazetteerArea.Shanghai);

        Assert.Equal(new GazetteerSummary(4, 2, 2, 0), upload.Report.Summary);
        var metro = upload.Entries.Single(e => e.SourceId == "metro:1");
        Assert.Equal("地铁站", metro.Kind);
        Assert.Equal(ChinaCoordinates.GcjToWgs(new GeoPoint(31.2317, 121.4726)), metro.Location);
        Assert.Equal(["lng", "lat"], upload.Report.Rows[2].Errors.Select(e => e.Field));
        Assert.Equal(["name", "lng", "lat", "coord"], upload.Report.Rows[3].Errors.Select(e => e.Field));
        Assert.Equal(RowOutcome.Rejected, upload.Report.Rows[3].Outcome);
    }

    [Fact]
    public void Json_that_is_not_a_list_of_places_is_refused_whole()
    {
        using var document = JsonDocument.Parse("""{"name": "人民广场"}""");
        Assert.NotNull(GazetteerReader.FromJson(document, GazetteerArea.Shanghai).FileError);
    }

    [RealDataFact]
    public void The_places_file_keeps_the_rows_inside_shanghai_and_refuses_the_rest_by_field()
    {
        using var reader = new StreamReader(RealData.PathOf(RealData.ShanghaiPlaces));
        var upload = GazetteerReader.FromCsv(reader, GazetteerArea.Shanghai);
        var summary = upload.Report.Summary;
        output.WriteLine($"{summary}; {upload.Entries.Count} entries");
        foreach (var problem in upload.Report.Problems)
            output.WriteLine($"{problem.Kind}: {problem.Count}");

        // The file marks 29,197 rows inside the box (in_shanghai_bbox=1), drawn in its own GCJ-02 coordinates.
        using var again = new StreamReader(RealData.PathOf(RealData.ShanghaiPlaces));
        var flagged = CsvReader.Read(again).Skip(1).Count(r => r.Fields[^1] == "1");
        Assert.Equal(flagged, summary.Accepted);
        Assert.Equal(38_042, summary.Received);
        Assert.All(upload.Entries, e => Assert.InRange(e.Location.Lat, 30.6, 31.9));
        Assert.True(upload.Report.Problems.Single(p => p.Kind == "rejected:lng").Count >= 274, "the (0, 0) rows at least");
    }
}
