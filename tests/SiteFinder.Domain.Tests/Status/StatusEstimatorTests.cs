using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class StatusEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2022, 4, 28, 1, 0, 0, TimeSpan.Zero);
    private static readonly StatusOptions Options = new();

    private static StatusReport Queue(int queue, int windows, DateTimeOffset at, string id = "r1") =>
        new() { SiteId = "s", ReportId = id, ReceivedAt = at, QueueLength = queue, OpenWindows = windows };

    [Theory]
    [InlineData(0, 2, 0, BusyLevel.Idle)]
    [InlineData(8, 2, 2, BusyLevel.Idle)]
    [InlineData(40, 2, 10, BusyLevel.Normal)]
    [InlineData(100, 2, 25, BusyLevel.Busy)]
    [InlineData(98, 2, 25, BusyLevel.Busy)] // 24.5 minutes is shown as 25, and 25 is busy
    [InlineData(97, 2, 24, BusyLevel.Normal)] // 24.25 is shown as 24
    [InlineData(200, 2, 50, BusyLevel.Congested)]
    public void Queue_over_windows_times_the_per_window_rate_gives_the_wait_and_the_level(int queue, int windows, double wait, BusyLevel level)
    {
        var status = StatusEstimator.Estimate(Queue(queue, windows, T0), [], null, T0.AddMinutes(1), Options);
        Assert.Equal(wait, status.WaitMinutes);
        Assert.Equal(level, status.Level);
        Assert.Equal("windows", status.RateSource);
    }

    [Fact]
    public void Recent_throughput_replaces_the_per_window_rate()
    {
        var counts = Enumerable.Range(1, 5).Select(i => new ThroughputCount("s", T0.AddMinutes(-i), 8)).ToList();
        var status = StatusEstimator.Estimate(Queue(40, 2, T0), counts, null, T0.AddMinutes(1), Options);
        Assert.Equal(5, status.WaitMinutes);
        Assert.Equal(8, status.ServiceRate);
        Assert.Equal("throughput", status.RateSource);
    }

    [Fact]
    public void Too_few_counted_minutes_fall_back_to_windows()
    {
        var counts = new[] { new ThroughputCount("s", T0.AddMinutes(-1), 8) };
        Assert.Equal("windows", StatusEstimator.Estimate(Queue(40, 2, T0), counts, null, T0.AddMinutes(1), Options).RateSource);
    }

    [Fact]
    public void A_level_report_gives_the_level_and_no_invented_wait()
    {
        var report = new StatusReport { SiteId = "s", ReportId = "r", ReceivedAt = T0, Level = BusyLevel.Busy };
        var status = StatusEstimator.Estimate(report, [], null, T0, Options);
        Assert.Equal(BusyLevel.Busy, status.Level);
        Assert.Null(status.WaitMinutes);
        Assert.Equal(37.5, Options.TypicalWait(BusyLevel.Busy));
    }

    [Fact]
    public void Changed_at_stays_while_the_level_holds_and_moves_when_it_changes()
    {
        var first = StatusEstimator.Estimate(Queue(40, 2, T0), [], null, T0, Options);
        var same = StatusEstimator.Estimate(Queue(44, 2, T0.AddMinutes(5), "r2"), [], first, T0.AddMinutes(5), Options);
        Assert.Equal(BusyLevel.Normal, same.Level);
        Assert.Equal(T0, same.ChangedAt);
        Assert.Equal(T0.AddMinutes(5), same.ReportedAt);

        var busier = StatusEstimator.Estimate(Queue(120, 2, T0.AddMinutes(10), "r3"), [], same, T0.AddMinutes(10), Options);
        Assert.Equal(BusyLevel.Busy, busier.Level);
        Assert.Equal(T0.AddMinutes(10), busier.ChangedAt);
    }

    [Fact]
    public void Throughput_after_the_report_confirms_it()
    {
        var counts = Enumerable.Range(0, 4).Select(i => new ThroughputCount("s", T0.AddMinutes(i), 3)).ToList();
        var status = StatusEstimator.Estimate(Queue(10, 2, T0), counts, null, T0.AddMinutes(10), Options);
        Assert.Equal(T0, status.ReportedAt);
        Assert.Equal(T0.AddMinutes(4), status.ConfirmedAt);
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = Options with { BusyFromMinutes = 10, CongestedFromMinutes = 20 };
        Assert.Equal(BusyLevel.Congested, StatusEstimator.Estimate(Queue(120, 2, T0), [], null, T0, strict).Level);
        Assert.Equal(BusyLevel.Busy, StatusEstimator.Estimate(Queue(120, 2, T0), [], null, T0, Options).Level);
    }
}
