using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Domain.Tests.Geocoding;

public class PlaceMatcherTests
{
    private sealed record Place(string Name, string? District);

    private static PlaceMatcher<Place> Build(params Place[] places) => PlaceMatcher<Place>.Build(places, p => p.Name, p => p.District);

    [Fact]
    public void Kinds_rank_exact_core_prefix_substring_then_similar()
    {
        var matcher = Build(
            new("东方路1号大楼", "浦东新区"),
            new("东方路1号", "浦东新区"),
            new("浦东东方路1号院", "浦东新区"),
            new("东方路1弄", "浦东新区"),
            new("东方路2号", "浦东新区"),
            new("西藏中路", "黄浦区"));

        var matches = matcher.Match("东方路1号", limit: 10);

        Assert.Equal([1, 3, 0, 2, 4], matches.Select(m => m.Index));
        Assert.Equal([PlaceMatchKind.Exact, PlaceMatchKind.Core, PlaceMatchKind.Prefix, PlaceMatchKind.Substring, PlaceMatchKind.Similar], matches.Select(m => m.Kind));
        Assert.Equal(1.0, matches[0].Confidence);
        Assert.True(matches.Zip(matches.Skip(1)).All(p => p.First.Confidence > p.Second.Confidence), "confidence falls with rank");
        Assert.All(matches, m => Assert.InRange(m.Confidence, 0, 1));
    }

    [Fact]
    public void The_district_breaks_a_tie_between_namesakes_in_any_of_its_spellings()
    {
        var matcher = Build(new("和平新村", "杨浦区"), new("和平新村", "浦东新区"), new("和平新村", "黄浦区"));

        Assert.Equal(0, matcher.Match("和平新村")[0].Index);
        foreach (var district in new[] { "浦东新区", "浦东", "上海市浦东新区" })
        {
            var best = matcher.Match("和平新村", district)[0];
            Assert.Equal(1, best.Index);
            Assert.True(best.DistrictMatched);
        }
    }

    [Fact]
    public void A_query_with_the_suffix_left_out_or_a_city_prefix_or_full_width_digits_finds_the_place()
    {
        var matcher = Build(new("利津路1313弄", "浦东新区"), new("利津路1331弄", "浦东新区"), new("汇南村", "浦东新区"));

        Assert.Equal((0, PlaceMatchKind.Core), (matcher.Match("利津路1313")[0].Index, matcher.Match("利津路1313")[0].Kind));
        Assert.Equal((0, PlaceMatchKind.Exact), (matcher.Match("上海市 利津路１３１３弄")[0].Index, matcher.Match("上海市 利津路１３１３弄")[0].Kind));
        Assert.Equal((2, PlaceMatchKind.Core), (matcher.Match("汇南村小区")[0].Index, matcher.Match("汇南村小区")[0].Kind));
        Assert.Equal(0, matcher.Match("利津路1315弄")[0].Index);
    }

    [Fact]
    public void Nothing_alike_and_empty_queries_find_nothing()
    {
        var matcher = Build(new Place("利津路1313弄", null));
        Assert.Empty(matcher.Match("西藏中路"));
        Assert.Empty(matcher.Match(" ，。 "));
        Assert.Empty(matcher.Match(null));
        Assert.Empty(Build().Match("利津路"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Matches_a_brute_force_ranking_on_random_names_and_queries(int seed)
    {
        var random = new Random(seed);
        const string chars = "东方路一二三新村弄号小区苑1235"; // few characters, so prefixes, substrings and shared pairs abound
        string[] districts = ["浦东新区", "黄浦区", "杨浦区"];
        string Word(int min, int max) => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => chars[random.Next(chars.Length)])]);

        var places = Enumerable.Range(0, 400).Select(_ => new Place(Word(1, 8), random.Next(4) == 0 ? null : districts[random.Next(districts.Length)])).ToArray();
        var matcher = Build(places);

        for (var n = 0; n < 300; n++)
        {
            var query = random.Next(3) switch
            {
                0 => Word(1, 6),
                1 => Mutate(places[random.Next(places.Length)].Name, random),
                _ => places[random.Next(places.Length)].Name,
            };
            var district = random.Next(2) == 0 ? null : districts[random.Next(districts.Length)];
            var limit = random.Next(1, 12);

            var expected = BruteForce(places, query, district, limit);
            var actual = matcher.Match(query, district, limit).Select(m => (m.Index, m.Kind, m.Confidence)).ToList();
            Assert.Equal(expected, actual);
        }
    }

    private static string Mutate(string name, Random random)
    {
        if (name.Length < 2)
            return name + "村";
        var at = random.Next(name.Length);
        return random.Next(4) switch
        {
            0 => name.Remove(at, 1),
            1 => name[..at] + "路" + name[(at + 1)..],
            2 => name[..random.Next(1, name.Length)],
            _ => name + "小区",
        };
    }

    /// <summary>The ranking written out plainly: every entry scored on its own, all sorted.</summary>
    private static List<(int Index, PlaceMatchKind Kind, double Confidence)> BruteForce(Place[] places, string query, string? district, int limit)
    {
        var q = PlaceName.Normalize(query);
        var qCore = PlaceName.Core(q);
        var qPairs = Pairs(q);
        var wanted = PlaceName.District(district);
        var scored = new List<(int Index, PlaceMatchKind Kind, double Confidence, bool InDistrict)>();
        for (var i = 0; i < places.Length; i++)
        {
            var name = PlaceName.Normalize(places[i].Name);
            if (name.Length == 0 || q.Length == 0)
                continue;
            var pairs = Pairs(name);
            var common = pairs.Intersect(qPairs).Count();
            (PlaceMatchKind Kind, double Confidence)? match =
                name == q ? (PlaceMatchKind.Exact, 1.0)
                : PlaceName.Core(name) == qCore ? (PlaceMatchKind.Core, 0.95)
                : name.StartsWith(q, StringComparison.Ordinal) ? (PlaceMatchKind.Prefix, 0.8 + (0.1 * q.Length / name.Length))
                : name.Contains(q, StringComparison.Ordinal) ? (PlaceMatchKind.Substring, 0.7 + (0.1 * q.Length / name.Length))
                : common > 0 ? (PlaceMatchKind.Similar, 0.7 * 2.0 * common / (pairs.Count + qPairs.Count))
                : null;
            if (match is { } m)
                scored.Add((i, m.Kind, m.Confidence, wanted.Length > 0 && PlaceName.District(places[i].District) == wanted));
        }

        return [.. scored
            .OrderBy(s => s.Kind).ThenByDescending(s => s.Confidence).ThenByDescending(s => s.InDistrict).ThenBy(s => s.Index)
            .Take(limit)
            .Select(s => (s.Index, s.Kind, Math.Round(s.Confidence, 4)))];
    }

    private static HashSet<string> Pairs(string s) => [.. Enumerable.Range(0, Math.Max(0, s.Length - 1)).Select(i => s.Substring(i, 2))];
}
