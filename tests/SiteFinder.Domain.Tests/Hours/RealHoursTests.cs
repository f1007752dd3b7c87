using System.Globalization;
using System.Text;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Import;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Domain.Tests.Hours;

/// <summary>
/// Every distinct hours string of the real lists either parses to well-formed intervals or is flagged with a reason.
/// The floors are the shares achieved once odd/even dates and qualifiers were read, rounded down (distinct strings:
/// Hangzhou 260/276 = 94.2%, Dalian 233/238 = 97.9%; rows: Hangzhou 959/1000 = 95.9%, Dalian 1474/1495 = 98.6%):
/// a regression fails; raise them when the parser learns more.
/// </summary>
public sealed class RealHoursTests(ITestOutputHelper output)
{
    [RealDataFact]
    public void Hangzhou_hours_parse_or_are_flagged() => CheckFile(RealData.HangzhouSites, minimumPercentParsed: 94, minimumPercentRowsParsed: 95);

    [RealDataFact]
    public void Dalian_hours_parse_or_are_flagged() => CheckFile(RealData.DalianSites, minimumPercentParsed: 97, minimumPercentRowsParsed: 98);

    private void CheckFile(string fileName, int minimumPercentParsed, int minimumPercentRowsParsed)
    {
        var rows = ReadHours(RealData.PathOf(fileName)).ToList();
        var distinct = rows.Distinct(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(distinct);

        var parsed = 0;
        var (oddEven, qualified) = (0, 0);
        var unparsed = new List<OpeningHours>();
        foreach (var raw in distinct)
        {
            var hours = OpeningHours.Parse(raw);
            Assert.Equal(raw, hours.Raw);
            switch (hours.Status)
            {
                case HoursParseStatus.Parsed:
                    parsed++;
                    Assert.True(hours.Intervals.Count > 0 || hours.Always, $"no intervals for '{raw}'");
                    Assert.Null(hours.Problem);
                    AssertWellFormed(raw, hours);
                    oddEven += hours.OddEvenDates ? 1 : 0;
                    qualified += hours.Qualifiers.Count > 0 ? 1 : 0;
                    break;
                case HoursParseStatus.Unparsed:
                    unparsed.Add(hours);
                    Assert.False(string.IsNullOrWhiteSpace(hours.Problem), $"no problem for '{raw}'");
                    Assert.Empty(hours.Intervals);
                    Assert.Empty(hours.Qualifiers);
                    Assert.Null(hours.IsOpenAt(DateTimeOffset.UnixEpoch));
                    break;
                default:
                    Assert.Fail($"'{raw}' gave {hours.Status}: blank values are not expected among the distinct real values");
                    break;
            }
        }

        var share = 100.0 * parsed / distinct.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fileName}: {parsed}/{distinct.Count} distinct hours strings parsed ({share:F1}%), {oddEven} by odd/even dates, {qualified} with qualifiers"));

        // Rows weigh each string by how many sites share it: the share of sites whose hours the finder can read.
        var parsedRows = rows.Count(raw => OpeningHours.Parse(raw).Status == HoursParseStatus.Parsed);
        var rowShare = 100.0 * parsedRows / rows.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{fileName}: {parsedRows}/{rows.Count} rows parsed ({rowShare:F1}%)"));
        foreach (var hours in unparsed)
            output.WriteLine($"  unparsed {Quote(hours.Raw)}: {hours.Problem}");

        Assert.True(share >= minimumPercentParsed, $"{fileName}: only {share:F1}% parsed, expected at least {minimumPercentParsed}%");
        Assert.True(rowShare >= minimumPercentRowsParsed, $"{fileName}: only {rowShare:F1}% of rows parsed, expected at least {minimumPercentRowsParsed}%");
    }

    private static void AssertWellFormed(string raw, OpeningHours hours)
    {
        Assert.True(hours.Intervals.All(i => i.IsWellFormed), $"malformed interval in '{raw}': {hours}");
        for (var k = 1; k < hours.Intervals.Count; k++)
        {
            var (previous, next) = (hours.Intervals[k - 1], hours.Intervals[k]);
            Assert.True(previous.Day < next.Day || (previous.Day == next.Day && previous.StartMinute <= next.StartMinute), $"unsorted intervals in '{raw}': {hours}");
            if (previous.Day == next.Day && previous.AlternateWeeks == next.AlternateWeeks && previous.DateParity == next.DateParity)
                Assert.True(previous.EndMinute < next.StartMinute, $"unmerged intervals in '{raw}': {hours}");
        }

        if (hours.Always)
            Assert.Equal(7, hours.Intervals.Count(i => i is { StartMinute: 0, EndMinute: WeeklyInterval.MinutesPerDay, AlternateWeeks: false }));
    }

    private static IEnumerable<string> ReadHours(string path)
    {
        using var reader = new StreamReader(path, Encoding.UTF8);
        using var records = CsvReader.Read(reader).GetEnumerator();
        Assert.True(records.MoveNext(), $"{path} is empty");
        var column = records.Current.Fields.ToList().IndexOf("hours");
        Assert.True(column >= 0, $"{path} has no 'hours' column");
        var values = new List<string>();
        while (records.MoveNext())
            values.Add(records.Current.Fields[column]);
        return values;
    }

    private static string Quote(string raw) => "'" + raw.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "'";
}
