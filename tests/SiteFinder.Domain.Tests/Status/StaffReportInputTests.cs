using SiteFinder.Domain.Status;

namespace SiteFinder.Domain.Tests.Status;

public class StaffReportInputTests
{
    private static readonly DateTimeOffset At = new(2022, 4, 28, 1, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("idle", ReportableLevel.Idle)]
    [InlineData("BUSY", ReportableLevel.Busy)]
    [InlineData("Paused", ReportableLevel.Paused)]
    [InlineData("congested", null)]
    [InlineData("noData", null)]
    [InlineData("1", null)]
    [InlineData("idle,busy", null)]
    [InlineData("", null)]
    public void Staff_may_report_four_levels_by_name_only(string text, ReportableLevel? expected) =>
        Assert.Equal(expected, StaffReportInput.ParseLevel(text));

    [Theory]
    [InlineData(ReportableLevel.Idle, null, null, null)]
    [InlineData(null, 30, 3, null)]
    [InlineData(ReportableLevel.Busy, 30, null, "level")]
    [InlineData(ReportableLevel.Busy, null, 2, "level")]
    [InlineData(null, null, null, "queueLength")]
    [InlineData(null, null, 2, "queueLength")]
    [InlineData(null, 30, null, "openWindows")]
    public void A_report_is_a_level_or_a_queue_with_windows(ReportableLevel? level, int? queue, int? windows, string? blamed) =>
        Assert.Equal(blamed, new StaffReportInput(level, queue, windows, null).Problem()?.Field);

    [Fact]
    public void A_report_keeps_the_level_as_the_finder_knows_it()
    {
        var report = new StaffReportInput(ReportableLevel.Paused, null, null, null).ToReport("s1", "tok", At);
        Assert.Equal(BusyLevel.Paused, report.Level);
        Assert.Equal("staff", report.Source);
        Assert.Equal("tok", report.Reporter);
        Assert.Equal(At, report.ReceivedAt);
        Assert.Throws<InvalidOperationException>(() => new StaffReportInput(null, null, null, null).ToReport("s1", "tok", At));
    }

    [Fact]
    public void A_client_report_id_gives_the_same_report_id_for_the_same_reporter_only()
    {
        var first = StaffReportInput.ReportIdFor("s1", "tokA", "7");
        Assert.Equal(first, StaffReportInput.ReportIdFor("s1", "tokA", "7"));
        Assert.NotEqual(first, StaffReportInput.ReportIdFor("s1", "tokB", "7"));
        Assert.NotEqual(first, StaffReportInput.ReportIdFor("s1", "tokA", "8"));
        Assert.StartsWith("s1-", first, StringComparison.Ordinal);
        Assert.NotEqual(StaffReportInput.ReportIdFor("s1", "tokA", null), StaffReportInput.ReportIdFor("s1", "tokA", null));
    }

    [Theory]
    [InlineData("abc-123_X", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("é", false)]
    public void Client_report_ids_are_short_and_plain(string id, bool valid)
    {
        Assert.Equal(valid, StaffReportInput.IsWellFormedClientReportId(id));
        Assert.False(StaffReportInput.IsWellFormedClientReportId(new string('a', StaffReportInput.MaxClientReportIdLength + 1)));
    }

    [Fact]
    public void A_retry_says_the_same_whatever_its_time_and_another_level_or_queue_is_another_report()
    {
        var busy = new StaffReportInput(ReportableLevel.Busy, null, null, "t").ToReport("s", "tok", At);
        var busyLater = new StaffReportInput(ReportableLevel.Busy, null, null, "t").ToReport("s", "tok", At.AddMinutes(5));
        var idle = new StaffReportInput(ReportableLevel.Idle, null, null, "t").ToReport("s", "tok", At);
        var queue = new StaffReportInput(null, 12, 2, "t").ToReport("s", "tok", At);
        var longerQueue = new StaffReportInput(null, 13, 2, "t").ToReport("s", "tok", At);

        Assert.True(StaffReportInput.IsRetryOf(busyLater, busy));
        Assert.False(StaffReportInput.IsRetryOf(idle, busy));
        Assert.False(StaffReportInput.IsRetryOf(queue, busy));
        Assert.False(StaffReportInput.IsRetryOf(longerQueue, queue));
        Assert.Equal("level=;queueLength=12;openWindows=2", StaffReportInput.BodyOf(queue));
    }

    [Fact]
    public void A_reused_id_is_explained_with_what_the_first_report_said()
    {
        var busy = new StaffReportInput(ReportableLevel.Busy, null, null, "t").ToReport("s", "tok", At);
        Assert.Equal(
            "clientReportId 't' was already used for another report (level busy, received 2022-04-28 01:00:00Z); a new report needs a new clientReportId. This one was not stored.",
            StaffReportInput.ReusedIdMessage("t", busy));
        Assert.Equal(
            "clientReportId 't' was already used for another report; a new report needs a new clientReportId. This one was not stored.",
            StaffReportInput.ReusedIdMessage("t", null));
    }
}
