using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Storage;

/// <summary>A client report id on Azurite: a retry is a quiet duplicate, a reuse for another report a conflict, even when only the marker was written.</summary>
public sealed class TableStatusInputStoreTests
{
    private static readonly DateTimeOffset Now = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly string _table = "reports" + Guid.NewGuid().ToString("N")[..12];

    private TableStatusInputStore Store() => new(Azurite.Service, Options.Create(new SiteTablesOptions { StatusReports = _table }));

    private static StatusReport Report(string clientId, BusyLevel? level, int? queue = null, int? windows = null, int minutesLater = 0) => new()
    {
        SiteId = "0123456789abcdef",
        ReportId = StaffReportInput.ReportIdFor("0123456789abcdef", "tok1", clientId),
        ReceivedAt = Now.AddMinutes(minutesLater),
        Reporter = "tok1",
        Level = level,
        QueueLength = queue,
        OpenWindows = windows,
    };

    [Fact]
    public async Task A_retry_is_a_duplicate_and_another_body_under_the_same_id_is_a_conflict_that_stores_nothing()
    {
        var store = Store();
        var first = await store.AddReportAsync(Report("t1", BusyLevel.Busy), "t1", CancellationToken.None);
        var retry = await store.AddReportAsync(Report("t1", BusyLevel.Busy, minutesLater: 3), "t1", CancellationToken.None);
        var reused = await store.AddReportAsync(Report("t1", BusyLevel.Idle, minutesLater: 4), "t1", CancellationToken.None);

        Assert.False(first.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.False(retry.Conflicting);
        Assert.Equal(Now, retry.Report.ReceivedAt);
        Assert.True(reused.Conflicting);
        Assert.Equal(BusyLevel.Busy, reused.Earlier?.Level);
        var stored = await store.ReadReportsAsync(Now, Now.AddMinutes(10), CancellationToken.None);
        Assert.Equal(BusyLevel.Busy, Assert.Single(stored).Level);
    }

    [Fact]
    public async Task A_marker_written_before_a_crash_tells_a_retry_from_a_reuse()
    {
        // The first tap wrote its marker and crashed before its report: the marker alone says what it said.
        var first = Report("t2", level: null, queue: 12, windows: 2);
        await Azurite.Service.CreateTableIfNotExistsAsync(_table);
        await Azurite.Service.GetTableClient(_table).AddEntityAsync(new TableEntity("ids-" + first.SiteId, "tok1:t2")
        {
            ["ReportPartition"] = TableStatusInputStore.MinutePartition(first.ReceivedAt),
            ["ReportRow"] = first.ReportId,
            ["Body"] = StaffReportInput.BodyOf(first),
        });
        var store = Store();

        var reused = await store.AddReportAsync(Report("t2", BusyLevel.Idle, minutesLater: 1), "t2", CancellationToken.None);
        var retried = await store.AddReportAsync(Report("t2", level: null, queue: 12, windows: 2, minutesLater: 2), "t2", CancellationToken.None);

        Assert.True(reused.Conflicting);
        Assert.Null(reused.Earlier);
        Assert.False(retried.Duplicate);
        Assert.False(retried.Conflicting);
        var stored = await store.ReadReportsAsync(Now, Now.AddMinutes(10), CancellationToken.None);
        Assert.Equal((12, 2), (Assert.Single(stored).QueueLength, stored[0].OpenWindows));
    }
}
