using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Sites;

/// <summary>The order <see cref="Catalogue.Search"/> documents, rule by rule, on small hand-made catalogues.</summary>
public sealed class SearchRankingTests
{
    private static readonly GeoPoint PeoplesSquareShanghai = new(31.2317, 121.4726);
    private static readonly GeoPoint PeoplesSquareDalian = new(38.9140, 121.6147);

    private static Site Make(int n, string name, string district, string city, GeoPoint at, SiteState state = SiteState.Open, string address = "") => new()
    {
        Id = $"{n:x16}",
        SourceId = $"t:{n}",
        Name = name,
        Address = address,
        District = district,
        City = city,
        Location = at,
        SourceLocation = new LabelledPoint(at, CoordinateSystem.Wgs84),
        State = state,
    };

    private static GeoPoint East(GeoPoint from, double meters) => new(from.Lat, from.Lng + (meters / (111_320 * Math.Cos(from.Lat * Math.PI / 180))));

    private static List<string> Names(Catalogue catalogue, SearchQuery query) => [.. catalogue.Search(query).Items.Select(s => s.Name)];

    [Fact]
    public void Kinds_rank_exact_then_prefix_then_substring_then_similar_and_unlike_names_are_left_out()
    {
        var at = PeoplesSquareShanghai;
        var catalogue = new Catalogue([
            Make(1, "东人民广场采样点", "黄浦区", "上海市", at),
            Make(2, "人民广场采样点", "黄浦区", "上海市", at),
            Make(3, "人民广场", "黄浦区", "上海市", at),
            Make(4, "人民广厂", "黄浦区", "上海市", at),
            Make(5, "南京西路采样点", "静安区", "上海市", at),
        ]);

        Assert.Equal(["人民广场", "人民广场采样点", "东人民广场采样点", "人民广厂"], Names(catalogue, new SearchQuery(10) { Keyword = "人民广场" }));
    }

    [Fact]
    public void The_address_matches_too_and_a_site_is_listed_once_by_its_better_text()
    {
        var at = PeoplesSquareShanghai;
        var catalogue = new Catalogue([
            Make(1, "一号采样点", "黄浦区", "上海市", at, address: "人民大道200号"),
            Make(2, "人民大道", "黄浦区", "上海市", at, address: "人民大道1号"),
        ]);

        var page = catalogue.Search(new SearchQuery(10) { Keyword = "人民大道" });
        Assert.Equal(["人民大道", "一号采样点"], page.Items.Select(s => s.Name));
        Assert.Null(page.NextOffset);
    }

    [Fact]
    public void Sites_in_service_come_before_planned_closed_and_indefinitely_suspended_ones_whatever_the_match()
    {
        var at = PeoplesSquareShanghai;
        var catalogue = new Catalogue([
            Make(1, "人民广场", "黄浦区", "上海市", at, SiteState.Planned),
            Make(2, "人民广场北", "黄浦区", "上海市", at, SiteState.Suspended),
            Make(3, "人民广场东采样点", "黄浦区", "上海市", at),
            Make(4, "人民广场", "黄浦区", "上海市", at, SiteState.Closed),
        ]);

        var found = catalogue.Search(new SearchQuery(10) { Keyword = "人民广场" }).Items;
        Assert.Equal(["人民广场东采样点", "人民广场", "人民广场", "人民广场北"], found.Select(s => s.Name));
        Assert.Equal([SiteState.Open, SiteState.Planned, SiteState.Closed, SiteState.Suspended], found.Select(s => s.State));
    }

    [Fact]
    public void Near_a_point_the_sites_within_the_local_radius_come_first_nearest_first_within_a_kind()
    {
        var catalogue = new Catalogue([
            Make(1, "人民广场", "西岗区", "大连市", PeoplesSquareDalian),
            Make(2, "人民广场采样点", "黄浦区", "上海市", East(PeoplesSquareShanghai, 3_000)),
            Make(3, "人民广场采样点", "黄浦区", "上海市", East(PeoplesSquareShanghai, 800)),
            Make(4, "人民广场地铁站采样点", "黄浦区", "上海市", East(PeoplesSquareShanghai, 100)),
        ]);

        // Without a point: the exact Dalian name first; near Shanghai's 人民广场, Shanghai's substring matches first, nearer first.
        Assert.Equal("大连市", catalogue.Search(new SearchQuery(10) { Keyword = "人民广场" }).Items[0].City);
        var near = catalogue.Search(new SearchQuery(10) { Keyword = "人民广场", Origin = PeoplesSquareShanghai }).Items;
        Assert.Equal(["0000000000000004", "0000000000000003", "0000000000000002", "0000000000000001"], near.Select(s => s.Id));
    }

    [Fact]
    public void A_city_puts_its_own_sites_first_with_or_without_its_suffix()
    {
        var catalogue = new Catalogue([
            Make(1, "人民广场", "西岗区", "大连市", PeoplesSquareDalian),
            Make(2, "人民广场采样点", "黄浦区", "上海市", PeoplesSquareShanghai),
        ]);

        foreach (var city in new[] { "上海", "上海市", "上海 市" })
            Assert.Equal(["上海市", "大连市"], catalogue.Search(new SearchQuery(10) { Keyword = "人民广场", City = city }).Items.Select(s => s.City));
        Assert.Equal(["大连市", "上海市"], catalogue.Search(new SearchQuery(10) { Keyword = "人民广场", City = "大连" }).Items.Select(s => s.City));
    }

    [Theory]
    [InlineData("西湖区", "杭州市西湖区")]
    [InlineData("杭州市西湖区", "杭州市西湖区")]
    [InlineData("西湖", "杭州市西湖区")]
    [InlineData("浦东", "浦东新区")]
    [InlineData("上海市浦东新区", "浦东新区")]
    [InlineData("ＸＩＨＵ区", "xihu区")]
    public void A_district_is_found_with_and_without_its_city_and_its_suffix(string asked, string stored)
    {
        var catalogue = new Catalogue([
            Make(1, "甲采样点", stored, "杭州市", PeoplesSquareShanghai),
            Make(2, "乙采样点", "上城区", "杭州市", PeoplesSquareShanghai),
        ]);

        Assert.Equal(["甲采样点"], Names(catalogue, new SearchQuery(10) { District = asked }));
        Assert.Equal(["甲采样点"], Names(catalogue, new SearchQuery(10) { District = asked, Keyword = "采样点" }));
    }

    [Fact]
    public void Without_a_keyword_sites_in_service_come_first_then_id_order()
    {
        var at = PeoplesSquareShanghai;
        var catalogue = new Catalogue([
            Make(1, "甲", "黄浦区", "上海市", at, SiteState.Planned),
            Make(2, "乙", "黄浦区", "上海市", at),
            Make(3, "丙", "黄浦区", "上海市", at, SiteState.Closed),
            Make(4, "丁", "黄浦区", "上海市", at),
        ]);

        Assert.Equal(["乙", "丁", "甲", "丙"], Names(catalogue, new SearchQuery(10)));
    }

    [Fact]
    public void Offsets_page_through_the_ranked_list_each_site_once()
    {
        var random = new Random(3);
        var sites = Enumerable.Range(1, 60).Select(n => Make(
            n,
            random.Next(3) switch { 0 => "人民广场采样点", 1 => "人民广场", _ => "人民路采样点" },
            "黄浦区",
            n % 2 == 0 ? "上海市" : "大连市",
            n % 2 == 0 ? East(PeoplesSquareShanghai, random.Next(10_000)) : PeoplesSquareDalian,
            random.Next(4) == 0 ? SiteState.Planned : SiteState.Open)).ToList();
        var catalogue = new Catalogue(sites);
        var query = new SearchQuery(7) { Keyword = "人民广场", Origin = PeoplesSquareShanghai };
        var whole = catalogue.Search(query with { Limit = 100 }).Items.Select(s => s.Id).ToList();

        var paged = new List<string>();
        for (int? offset = 0; offset is not null;)
        {
            var page = catalogue.Search(query with { Offset = offset.Value });
            paged.AddRange(page.Items.Select(s => s.Id));
            offset = page.NextOffset;
        }

        Assert.Equal(whole, paged);
        Assert.Equal(whole.Count, whole.Distinct().Count());
        Assert.Equal(sites.Count(s => s.Name.Contains("人民广场", StringComparison.Ordinal)), whole.Count);
    }

    [Fact]
    public void The_names_matcher_holds_every_name_and_address_and_says_which_matched()
    {
        var catalogue = new Catalogue([Make(1, "一号采样点", "黄浦区", "上海市", PeoplesSquareShanghai, address: "人民大道200号")]);
        Assert.Equal(2, catalogue.Names.Count);
        var match = Assert.Single(catalogue.Names.Match("人民大道200号"));
        Assert.Equal((SiteNameField.Address, PlaceMatchKind.Exact, "0000000000000001"), (match.Item.Field, match.Kind, match.Item.Site.Id));
    }
}
