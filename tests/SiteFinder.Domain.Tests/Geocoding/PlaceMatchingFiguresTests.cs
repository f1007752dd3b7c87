using System.Diagnostics;
using System.Globalization;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Domain.Tests.Geocoding;

/// <summary>
/// The figures of the README's "Place names" section: 500 places of the Shanghai list (seed 2022),
/// each asked for with one typical slip, against the matcher over the whole list. The figures are
/// written out; the asserts are floors well under what was measured, so they fail on a regression,
/// not on a slow machine (timings are never asserted).
/// </summary>
public class PlaceMatchingFiguresTests(ITestOutputHelper output)
{
    private const int HeldOut = 500;
    private const int Seed = 2022;
    private static readonly string[] Suffixes = ["小区", "弄", "号"];

    private enum Slip
    {
        Substituted,
        Dropped,
        SuffixOmitted,
    }

    [RealDataFact]
    public void Held_out_names_with_a_typo_or_an_omitted_suffix_are_found()
    {
        using var reader = new StreamReader(RealData.PathOf(RealData.ShanghaiPlaces));
        var entries = GazetteerReader.FromCsv(reader, GazetteerArea.Shanghai).Entries;

        var builds = new List<double>();
        PlaceMatcher<GazetteerEntry>? matcher = null;
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            matcher = PlaceMatcher<GazetteerEntry>.Build(entries, e => e.Name, e => e.District);
            builds.Add(watch.Elapsed.TotalMilliseconds);
        }

        var random = new Random(Seed);
        var corpus = string.Concat(entries.Select(e => e.Name)).Where(c => c is >= '\u4E00' and <= '\u9FFF').ToArray();
        var picked = Enumerable.Range(0, entries.Count).OrderBy(_ => random.Next()).Take(HeldOut).ToList();
        var queries = picked.Select(i => (Index: i, Query: WithSlip(entries[i].Name, random, corpus))).ToList();

        foreach (var (_, (query, _)) in queries.Take(20))
            _ = matcher!.Match(query); // warm up before timing

        var times = new List<double>();
        var results = new List<(Slip Slip, int Rank, int RankInDistrict)>();
        foreach (var (index, (query, slip)) in queries)
        {
            var watch = Stopwatch.StartNew();
            var top = matcher!.Match(query, limit: 5);
            times.Add(watch.Elapsed.TotalMilliseconds);
            var inDistrict = matcher.Match(query, entries[index].District, limit: 5);
            results.Add((slip, Rank(top, index), Rank(inDistrict, index)));
        }

        double Rate(IEnumerable<(Slip Slip, int Rank, int RankInDistrict)> rows, Func<(Slip Slip, int Rank, int RankInDistrict), bool> hit) =>
            rows.Any() ? (double)rows.Count(hit) / rows.Count() : double.NaN;
        var top1 = Rate(results, r => r.Rank == 1);
        var top5 = Rate(results, r => r.Rank >= 1);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} places; build median {Median(builds):F0} ms; query median {Median(times):F3} ms, p95 {Percentile(times, 0.95):F3} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"all {results.Count}: top-1 {top1:P1}, top-5 {top5:P1}; with the district: top-1 {Rate(results, r => r.RankInDistrict == 1):P1}, top-5 {Rate(results, r => r.RankInDistrict >= 1):P1}"));
        foreach (var group in results.GroupBy(r => r.Slip).OrderBy(g => g.Key))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{group.Key} ({group.Count()}): top-1 {Rate(group, r => r.Rank == 1):P1}, top-5 {Rate(group, r => r.Rank >= 1):P1}; with the district: top-1 {Rate(group, r => r.RankInDistrict == 1):P1}, top-5 {Rate(group, r => r.RankInDistrict >= 1):P1}"));
        foreach (var (index, (query, slip)) in queries.Where((_, n) => results[n].Rank == 0).Take(15))
            output.WriteLine($"missed: {entries[index].Name} asked as {query} ({slip}); got {string.Join(", ", matcher!.Match(query, limit: 3).Select(m => m.Item.Name))}");

        Assert.True(top5 >= 0.8, $"top-5 {top5:P1}");
        Assert.True(top1 >= 0.5, $"top-1 {top1:P1}");
    }

    private static int Rank(IReadOnlyList<PlaceMatch<GazetteerEntry>> top, int index) =>
        top.Select((m, n) => (m, n)).FirstOrDefault(x => x.m.Index == index) is { m: not null } found ? found.n + 1 : 0;

    /// <summary>
    /// One slip a resident makes: a character typed wrong (a digit for another digit, a character for
    /// one from elsewhere in the list), a character left out, or the trailing 小区/弄/号 left out when
    /// the name has one (a third of the time; else one of the other two).
    /// </summary>
    private static (string Query, Slip Slip) WithSlip(string name, Random random, char[] corpus)
    {
        var slip = (Slip)random.Next(3);
        if (slip == Slip.SuffixOmitted)
        {
            if (Suffixes.FirstOrDefault(s => name.EndsWith(s, StringComparison.Ordinal) && name.Length > s.Length + 1) is { } suffix)
                return (name[..^suffix.Length], slip);
            slip = (Slip)random.Next(2);
        }

        var at = random.Next(name.Length);
        if (slip == Slip.Dropped && name.Length > 2)
            return (name.Remove(at, 1), slip);

        var replacement = char.IsAsciiDigit(name[at])
            ? (char)('0' + ((name[at] - '0' + random.Next(1, 10)) % 10))
            : corpus[random.Next(corpus.Length)];
        return (name[..at] + replacement + name[(at + 1)..], Slip.Substituted);
    }

    private static double Median(List<double> values) => Percentile(values, 0.5);

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
    }
}
