using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using static SiteFinder.Domain.Tests.Import.ImportRows;

namespace SiteFinder.Domain.Tests.Import;

/// <summary>Rows without a point: which need geocoding, the query, the gazetteer's pick, and the threshold that places or holds a site.</summary>
public sealed class ImportGeocodingTests
{
    private const string NoPoint = "source_id,name,address,district,hours\n";

    private static readonly ImportOptions Options = new() { ImportId = "cccccccccccc", GeocodeCity = "上海市" };

    private static readonly GeoPoint Bund = new(31.2336, 121.4905);

    private static ImportPlan PlanWith(IReadOnlyList<SiteInput> rows, IReadOnlyList<SiteRecord> stored, IReadOnlyDictionary<int, RowGeocode> geocodes) =>
        SiteImporter.Plan(rows, stored, Now, Options, geocodes);

    [Theory]
    [InlineData("人民广场采样点", "人民大道200号", "黄浦区", "上海市", "上海市黄浦区人民大道200号")]
    [InlineData("人民广场采样点", "上海市黄浦区人民大道200号", "黄浦区", "上海市", "上海市黄浦区人民大道200号")]
    [InlineData("人民广场采样点", "黄浦区人民大道200号", "黄浦区", "上海市", "上海市黄浦区人民大道200号")]
    [InlineData("人民广场采样点", "上海黄浦区人民大道200号", "黄浦区", "上海市", "上海黄浦区人民大道200号")]
    [InlineData("翠湖天地", "", "黄浦区", "上海市", "上海市黄浦区翠湖天地")]
    [InlineData("翠湖天地", " ", "", null, "翠湖天地")]
    [InlineData("西溪采样点", "文二西路1号", "杭州市西湖区", "上海市", "杭州市西湖区文二西路1号")]
    public void The_query_is_the_address_else_the_name_with_district_and_city(string name, string address, string district, string? city, string expected) =>
        Assert.Equal(expected, ImportGeocoding.Query(name, address, district, city));

    [Fact]
    public void Only_rows_without_a_point_and_without_one_to_keep_are_looked_up()
    {
        var stored = Stored(Csv(Header + "s:1,列表点,外马路1号,黄浦区,121.49,31.23,WGS-84,,,\n"))
            .Append(new SiteRecord { Id = SiteIds.FromSourceId("s:2"), SourceId = "s:2", Name = "找到的点", Address = "中山东一路1号", District = "黄浦区", GeocodedSource = "azure-maps", GeocodedConfidence = 0.9 })
            .ToList();
        var rows = Csv("source_id,name,address,district,lng,lat,coord_system\n"
            + "s:1,列表点,外马路2号,黄浦区,,,\n"      // stored with a list's point: kept (an empty cell cannot clear it)
            + "s:2,找到的点,中山东一路2号,黄浦区,,,\n"  // stored at a geocoded point: looked up again with the new address
            + "n:1,新点,人民大道200号,黄浦区,,,\n"      // new: looked up
            + "n:2,有点,人民大道201号,黄浦区,121.47,31.23,WGS-84\n" // gives its point
            + "n:3,,,黄浦区,,,\n");                    // nothing to look up: the parser rejects it

        var requests = ImportGeocoding.Requests(rows, stored, Options);

        Assert.Equal([(2, "上海市黄浦区中山东一路2号"), (3, "上海市黄浦区人民大道200号")], requests.Select(r => (r.Row, r.Query)));
        Assert.Equal(["人民大道200号", "新点"], requests[1].Names);
    }

    [Fact]
    public void A_partial_row_of_a_geocoded_site_is_looked_up_with_the_stored_address()
    {
        var stored = new SiteRecord { Id = SiteIds.FromSourceId("s:2"), SourceId = "s:2", Name = "找到的点", Address = "中山东一路1号", District = "黄浦区", GeocodedSource = "gazetteer", GeocodedConfidence = 0.95 };
        var request = ImportGeocoding.RequestOf(Csv("source_id,hours\ns:2,24小时\n")[0], stored, "上海市");
        Assert.Equal("上海市黄浦区中山东一路1号", request?.Query);
    }

    [Fact]
    public void The_gazetteer_picks_the_row_district_and_never_a_same_named_place_elsewhere()
    {
        GazetteerEntry[] places =
        [
            new("p:1", "人民路100弄", "静安区", new GeoPoint(31.24, 121.45), "小区"),
            new("p:2", "人民路100弄", "黄浦区", new GeoPoint(31.23, 121.48), "小区"),
            new("p:3", "永年路", "徐汇区", new GeoPoint(31.20, 121.44), "街道"),
        ];
        var matcher = PlaceMatcher<GazetteerEntry>.Build(places, e => e.Name, e => e.District);

        var inHuangpu = ImportGeocoding.FromGazetteer(matcher, new GeocodeRequest(1, "q", ["人民路100弄"], "黄浦区"));
        Assert.Equal((new GeoPoint(31.23, 121.48), GeocodeSource.Gazetteer, 1.0), (inHuangpu!.Location, inHuangpu.Source, inHuangpu.Confidence));
        Assert.Equal("黄浦区 人民路100弄", inHuangpu.Label);

        Assert.Null(ImportGeocoding.FromGazetteer(matcher, new GeocodeRequest(2, "q", ["永年路"], "黄浦区")));
        Assert.Equal(new GeoPoint(31.20, 121.44), ImportGeocoding.FromGazetteer(matcher, new GeocodeRequest(3, "q", ["永年路"], ""))?.Location);
    }

    [Fact]
    public void A_point_at_the_threshold_places_the_site_and_one_below_holds_it_planned_with_the_reason()
    {
        var rows = Csv(NoPoint + "n:1,外滩采样点,中山东一路1号,黄浦区,24小时\nn:2,老城厢采样点,方浜中路1号,黄浦区,24小时\n");
        var geocodes = new Dictionary<int, RowGeocode>
        {
            [1] = new(new GeocodedPoint(Bund, GeocodeSource.AzureMaps, ImportGeocoding.DefaultMinConfidence, "中山东一路1号, 上海市")),
            [2] = new(new GeocodedPoint(new GeoPoint(31.2260, 121.4920), GeocodeSource.AzureMaps, 0.6, "方浜中路, 上海市")),
        };

        var plan = PlanWith(rows, [], geocodes);

        var placed = plan.Sites.Single(s => s.SourceId == "n:1");
        Assert.Equal((SiteState.Open, GeocodeSource.AzureMaps, ImportGeocoding.DefaultMinConfidence), (placed.State, placed.GeocodedSource, placed.GeocodedConfidence));
        Assert.Equal(Bund, placed.Location);
        Assert.Equal(new LabelledPoint(Bund, CoordinateSystem.Wgs84), placed.SourceLocation);
        Assert.Equal(["geocoded: azure-maps 0.9 (中山东一路1号, 上海市)"], plan.Report.Rows[0].Warnings);

        var held = plan.Sites.Single(s => s.SourceId == "n:2");
        Assert.Equal(SiteState.Planned, held.State);
        Assert.Equal("held by import: azure-maps confidence 0.6 is below 0.9", held.StateReason);
        Assert.Equal(["held:lowGeocodeConfidence: azure-maps confidence 0.6 is below 0.9 (方浜中路, 上海市)"], plan.Report.Rows[1].Warnings);

        var summary = plan.Report.Summary;
        Assert.Equal((2, 0, 1, 1, 0, 1), (summary.Accepted, summary.Rejected, summary.Geocoded, summary.LowGeocodeConfidence, summary.NotGeocoded, summary.Held));
        Assert.Equal(new GeocodingReport(2, 0, 2, 0, ImportGeocoding.DefaultMinConfidence, null), plan.Report.Geocoding);
        var record = plan.Changes.Single(c => c.After.SourceId == "n:1").After;
        Assert.Equal(("azure-maps", ImportGeocoding.DefaultMinConfidence), (record.GeocodedSource, record.GeocodedConfidence));
        Assert.Equal((GeocodeSource.AzureMaps, ImportGeocoding.DefaultMinConfidence), (record.ToSite().GeocodedSource, record.ToSite().GeocodedConfidence));
    }

    [Fact]
    public void A_reimport_while_azure_maps_is_down_keeps_a_well_placed_point_rather_than_the_gazetteers_weaker_one()
    {
        var rows = Csv(NoPoint + "n:1,外滩采样点,中山东一路1号,黄浦区,24小时\n");
        var placed = PlanWith(rows, [], new Dictionary<int, RowGeocode> { [1] = new(new GeocodedPoint(Bund, GeocodeSource.AzureMaps, 0.9, "外滩")) });
        var stored = placed.Changes.Select(c => c.After).ToList();

        var weak = new GeocodedPoint(new GeoPoint(31.30, 121.50), GeocodeSource.Gazetteer, 0.49, "外滩某处");
        var degraded = PlanWith(rows, stored, new Dictionary<int, RowGeocode> { [1] = new(weak, "unreachable: connection refused") });
        var lessSure = PlanWith(rows, stored, new Dictionary<int, RowGeocode> { [1] = new(weak) });

        foreach (var plan in new[] { degraded, lessSure })
        {
            var site = plan.Sites.Single();
            Assert.Equal((Bund, SiteState.Open, 0.9), (site.Location, site.State, site.GeocodedConfidence));
            Assert.DoesNotContain(plan.Report.Rows[0].Warnings, w => w.StartsWith("geocoded:", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_row_nothing_was_found_for_is_held_and_not_stored_and_the_report_says_maps_was_degraded()
    {
        var rows = Csv(NoPoint + "n:1,外滩采样点,中山东一路1号,黄浦区,24小时\nn:2,,中山东一路2号,黄浦区,24小时\n");
        var geocodes = new Dictionary<int, RowGeocode> { [1] = new(null, "unreachable: connection refused"), [2] = new(null, "unreachable: connection refused") };

        var plan = PlanWith(rows, [], geocodes);

        Assert.Empty(plan.Sites);
        Assert.Empty(plan.Changes);
        var row = plan.Report.Rows[0];
        Assert.Equal((RowOutcome.Held, "n:1", (string?)null), (row.Outcome, row.SourceId, row.Id));
        Assert.StartsWith("held:notGeocoded: Azure Maps could not be asked (unreachable: connection refused)", Assert.Single(row.Warnings), StringComparison.Ordinal);

        // A row with another fault is rejected for it, not for its point.
        Assert.Equal(RowOutcome.Rejected, plan.Report.Rows[1].Outcome);
        Assert.Equal(["name"], plan.Report.Rows[1].Errors.Select(e => e.Field));

        var summary = plan.Report.Summary;
        Assert.Equal((2, 0, 1, 1, 1), (summary.Received, summary.Accepted, summary.Rejected, summary.NotGeocoded, summary.Held));
        Assert.Equal("unreachable: connection refused", plan.Report.Geocoding?.Degraded);
        Assert.Contains(plan.Report.Problems, p => p.Kind == "held:notGeocoded" && p.FirstRows.SequenceEqual([1]));
    }

    [Fact]
    public void A_held_site_is_released_once_a_later_import_finds_it_with_confidence_and_a_point_given_clears_geocoded()
    {
        var rows = Csv(NoPoint + "n:1,外滩采样点,中山东一路1号,黄浦区,24小时\n");
        var first = PlanWith(rows, [], new Dictionary<int, RowGeocode> { [1] = new(new GeocodedPoint(Bund, GeocodeSource.AzureMaps, 0.6, "外滩")) });
        var stored = first.Changes.Select(c => c.After).ToList();
        Assert.Equal("Planned", stored[0].State);

        // Nothing found this time: the point found before is kept, and so is the hold.
        var kept = PlanWith(rows, stored, new Dictionary<int, RowGeocode> { [1] = new(null, "timeout: 4 s") });
        Assert.Equal((SiteState.Planned, 0.6), (kept.Sites[0].State, kept.Sites[0].GeocodedConfidence));
        Assert.Contains(kept.Report.Rows[0].Warnings, w => w.StartsWith("geocodeKept:", StringComparison.Ordinal));
        Assert.Contains(kept.Report.Rows[0].Warnings, w => w.StartsWith("held:lowGeocodeConfidence:", StringComparison.Ordinal));

        var better = PlanWith(rows, stored, new Dictionary<int, RowGeocode> { [1] = new(new GeocodedPoint(Bund, GeocodeSource.Gazetteer, 1.0, "外滩")) });
        Assert.Equal((SiteState.Open, (string?)null, GeocodeSource.Gazetteer), (better.Sites[0].State, better.Sites[0].StateReason, better.Sites[0].GeocodedSource));
        Assert.Contains(better.Changes[0].Fields, f => f.Field == "geocodedSource" && f.Before == "azure-maps" && f.After == "gazetteer");

        var given = SiteImporter.Plan(Csv(Header + "n:1,外滩采样点,中山东一路1号,黄浦区,121.49,31.23,WGS-84,24小时,,\n"), stored, Now, Options, new Dictionary<int, RowGeocode>());
        Assert.Equal(((GeocodeSource?)null, (double?)null, SiteState.Open), (given.Sites[0].GeocodedSource, given.Sites[0].GeocodedConfidence, given.Sites[0].State));
        Assert.Null(given.Report.Geocoding?.Degraded);
    }

    [Fact]
    public void Without_geocoding_a_new_row_without_a_point_is_still_rejected()
    {
        var plan = SiteImporter.Plan(Csv(NoPoint + "n:1,外滩采样点,中山东一路1号,黄浦区,24小时\n"), Now);
        Assert.Equal(RowOutcome.Rejected, plan.Report.Rows[0].Outcome);
        Assert.Null(plan.Report.Geocoding);
    }

    [Fact]
    public void Of_two_equally_sure_points_the_gazetteer_wins()
    {
        var gazetteer = new GeocodedPoint(Bund, GeocodeSource.Gazetteer, 0.7, "a");
        var maps = new GeocodedPoint(new GeoPoint(31.0, 121.0), GeocodeSource.AzureMaps, 0.7, "b");
        Assert.Same(gazetteer, ImportGeocoding.Best(gazetteer, maps));
        Assert.Same(maps, ImportGeocoding.Best(null, maps));
        var surer = maps with { Confidence = 0.9 };
        Assert.Same(surer, ImportGeocoding.Best(gazetteer, surer));
    }
}
