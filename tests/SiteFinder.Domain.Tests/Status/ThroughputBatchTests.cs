using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class ThroughputBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 16, 31, 20, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-12-01T16:30:00Z", true)]
    [InlineData("2026-12-02T00:30:00+08:00", true)]
    [InlineData("2026-12-01T16:31:00Z", true)]
    [InlineData("2026-12-01T16:32:00Z", false)]
    [InlineData("2026-12-01T16:30:00.0001Z", false)]
    [InlineData("2026-12-01T16:30:00.001Z", false)]
    [InlineData("2026-12-01T16:30:30Z", false)]
    [InlineData("2026-11-30T16:31:00Z", false)]
    [InlineData("2026-11-30T16:32:00Z", true)]
    public void Only_whole_minutes_that_have_begun_within_the_last_day_count(string minute, bool countable) =>
        Assert.Equal(countable, ThroughputBatch.IsCountableMinute(DateTimeOffset.Parse(minute, System.Globalization.CultureInfo.InvariantCulture), Now));

    [Fact]
    public void A_minute_sent_twice_counts_once_with_the_later_value_whatever_its_offset()
    {
        var minute = new DateTimeOffset(2026, 12, 1, 16, 30, 0, TimeSpan.Zero);
        var counts = ThroughputBatch.LastWins(
        [
            new ThroughputCount("a", minute, 5),
            new ThroughputCount("b", minute, 1),
            new ThroughputCount("a", minute.ToOffset(TimeSpan.FromHours(8)), 7),
        ]);

        Assert.Equal([("a", 7), ("b", 1)], counts.Select(c => (c.SiteId, c.Samples)));
        Assert.All(counts, c => Assert.Equal(TimeSpan.Zero, c.Minute.Offset));
    }
}
