using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Tests.Import;

namespace SiteFinder.Domain.Tests.Sites;

public sealed class SiteCityTests
{
    [Theory]
    [InlineData("杭州市西湖区", "杭州市")]
    [InlineData("浙江省杭州市西湖区", "杭州市")]
    [InlineData("上海市浦东新区", "上海市")]
    [InlineData("大连市西岗区中山路222号", "大连市")]
    [InlineData("乌鲁木齐市天山区", "乌鲁木齐市")]
    [InlineData("庄河市", null)]
    [InlineData("西岗区", null)]
    [InlineData("农贸市场东门", null)]
    [InlineData("", null)]
    public void The_city_at_the_start_of_a_district_or_address(string text, string? city) =>
        Assert.Equal(city, SiteCity.PrefixOf(text));

    [Fact]
    public void Import_takes_the_city_column_then_the_district_then_the_address_then_the_lists_city_then_the_default()
    {
        var rows = ImportRows.Csv(
            "source_id,name,address,district,lng,lat,coord_system,city\n" +
            "c:1,甲,西湖大道1号,杭州市西湖区,120.16,30.25,GCJ-02,宁波\n" +
            "c:2,乙,西湖大道2号,杭州市西湖区,120.16,30.25,GCJ-02,\n" +
            "c:3,丙,大连市西岗区中山路1号,西岗区,121.61,38.91,GCJ-02,\n" +
            "c:4,丁,中山路2号,西岗区,121.61,38.91,GCJ-02,\n" +
            "c:6,己,清波街1号,杭州市上城区,120.17,30.24,GCJ-02,\n" +
            "c:7,庚,清波街2号,杭州市上城区,120.17,30.24,GCJ-02,\n" +
            "c:8,辛,清波街3号,杭州市上城区,120.17,30.24,GCJ-02,\n");
        var cities = SiteImporter.Plan(rows, [], ImportRows.Now, new ImportOptions { DefaultCity = "苏州市" }).Sites.ToDictionary(s => s.SourceId, s => s.City);

        Assert.Equal("宁波", cities["c:1"]);
        Assert.Equal("杭州市", cities["c:2"]);
        Assert.Equal("大连市", cities["c:3"]);

        // Four of the list's seven sites name 杭州市 and 丁 none: with more than half of the list, 杭州市 is the list's city.
        Assert.Equal("杭州市", cities["c:4"]);

        var alone = ImportRows.Csv(ImportRows.Header + "c:5,戊,中山路2号,西岗区,121.61,38.91,GCJ-02,,,\n");
        Assert.Equal("苏州市", SiteImporter.Plan(alone, [], ImportRows.Now, new ImportOptions { DefaultCity = "苏州市" }).Sites.Single().City);
        Assert.Equal(SiteCity.Shanghai, SiteImporter.Plan(alone, ImportRows.Now).Sites.Single().City);
    }

    [Fact]
    public void A_row_naming_no_place_keeps_the_stored_city_and_the_record_round_trips_it()
    {
        var stored = ImportRows.Stored(ImportRows.Csv("source_id,name,address,district,lng,lat,coord_system,city\nc:1,甲,西湖大道1号,西湖区,120.16,30.25,GCJ-02,杭州\n"));
        Assert.Equal("杭州", Assert.Single(stored).City);
        Assert.Equal("杭州", stored[0].ToSite().City);

        var hoursOnly = ImportRows.Plan(ImportRows.Csv("source_id,hours\nc:1,8:00-11:00\n"), stored);
        Assert.Equal("杭州", hoursOnly.Sites.Single().City);

        var moved = ImportRows.Plan(ImportRows.Csv("source_id,district\nc:1,宁波市海曙区\n"), stored);
        Assert.Equal("宁波市", moved.Sites.Single().City);
    }
}
