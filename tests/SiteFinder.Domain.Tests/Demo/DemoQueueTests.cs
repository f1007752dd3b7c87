using SiteFinder.Domain.Demo;

namespace SiteFinder.Domain.Tests.Demo;

public class DemoQueueTests
{
    // Thursday 2022-04-28 07:00 in Shanghai.
    private static readonly DateTimeOffset Seven = new(2022, 4, 27, 23, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Demand_peaks_before_and_after_work_and_is_low_at_night()
    {
        Assert.True(DemoQueue.Demand(new TimeOnly(8, 30)) > 1);
        Assert.True(DemoQueue.Demand(new TimeOnly(17, 30)) > 1);
        Assert.True(DemoQueue.Demand(new TimeOnly(12, 0)) < 1);
        Assert.True(DemoQueue.Demand(new TimeOnly(3, 0)) < 0.2);
    }

    [Fact]
    public void Queues_grow_in_the_morning_rush_and_drain_by_lunch()
    {
        var random = new Random(1);
        var queues = Enumerable.Range(0, 100).Select(_ => new DemoQueue(2, 2, 1, random)).ToArray();

        var minute = Seven;
        for (; minute < Seven.AddMinutes(165); minute = minute.AddMinutes(1)) // until 09:45
            Array.ForEach(queues, q => q.Step(minute, open: true));
        var rush = queues.Average(q => q.WaitMinutes);
        for (; minute < Seven.AddMinutes(360); minute = minute.AddMinutes(1)) // until 13:00
            Array.ForEach(queues, q => q.Step(minute, open: true));
        var lunch = queues.Average(q => q.WaitMinutes);

        Assert.True(rush > 15, $"average wait at 09:45 {rush:F1} min");
        Assert.True(lunch < 3, $"average wait at 13:00 {lunch:F1} min");
    }

    [Fact]
    public void No_one_joins_an_hour_long_queue_and_windows_serve_no_more_than_they_can()
    {
        var queue = new DemoQueue(1, 1.5, 2, new Random(2));
        var served = 0;
        for (var minute = Seven; minute < Seven.AddHours(12); minute = minute.AddMinutes(1))
        {
            queue.Step(minute, open: true);
            served += queue.ServedLastMinute;
            Assert.True(queue.WaitMinutes <= DemoQueue.LongestJoinedWaitMinutes + (1 / queue.Capacity), $"wait {queue.WaitMinutes:F1} min at {minute:t}");
            Assert.True(queue.ServedLastMinute <= Math.Floor(queue.Capacity) + 1);
        }

        Assert.True(served <= (queue.Capacity * 12 * 60) + queue.Capacity);
        Assert.True(queue.WaitMinutes > 50, "twice the average demand on one window makes a congested site");
    }

    [Fact]
    public void A_closed_site_takes_no_one_new_and_serves_those_left()
    {
        var queue = new DemoQueue(2, 2, 1.2, new Random(3));
        var minute = Seven.AddHours(1);
        for (var i = 0; i < 60; i++, minute = minute.AddMinutes(1))
            queue.Step(minute, open: true);
        Assert.True(queue.Queue > 0);

        for (var i = 0; i < 120; i++, minute = minute.AddMinutes(1))
            queue.Step(minute, open: false);
        Assert.Equal(0, queue.Queue);
        Assert.Equal(0, queue.ServedLastMinute);
    }
}
