using System.Globalization;
using System.Text;
using SiteFinder.Domain.Demo;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Status;

/// <summary>Twelve always-open sites in one district, for the simulated day.</summary>
public sealed class SimulationFixture : StatusFixture
{
    public const int Sites = 12;
    public const string District = "模拟区";

    protected override string SitesCsv
    {
        get
        {
            var csv = new StringBuilder("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n");
            for (var i = 0; i < Sites; i++)
                csv.Append(CultureInfo.InvariantCulture, $"sim:{i},模拟采样点{i},模拟路{i}号,{District},{121.40 + (i * 0.01)},31.20,WGS-84,24小时,,\n");
            return csv.ToString();
        }
    }
}

/// <summary>
/// A simulated day: each site is a queue with known arrivals (Poisson, with morning and evening
/// peaks) and known service (windows × a per-window rate that differs from the configured one).
/// Staff report the queue every five minutes, miscounting it by up to ±15%, and the scan system posts throughput every minute,
/// both through the real endpoints; the aggregation runs every minute on Azurite. The wait the
/// API shows is compared with the true wait of someone arriving at that minute.
/// </summary>
public sealed class SimulatedDayTests(SimulationFixture host, ITestOutputHelper output) : IClassFixture<SimulationFixture>
{
    private const int Minutes = 600;
    private static readonly DateTimeOffset Eight = new(2022, 4, 28, 0, 0, 0, TimeSpan.Zero); // 08:00 in Shanghai

    private sealed class SimulatedSite(int index, Random random)
    {
        public string Id { get; } = StatusFixture.Id($"sim:{index}");
        public int Windows { get; } = 1 + (index % 3);
        public double PerWindowRate { get; } = 1.5 + (0.1 * (index % 6));
        public int Queue { get; private set; }
        public int ServedLastMinute { get; private set; }
        private double _credit;

        public double Capacity => Windows * PerWindowRate;

        /// <summary>Arrivals join, then the windows serve what they can; the wait is that of someone arriving now.</summary>
        public double Step(int minute)
        {
            Queue += DemoQueue.Poisson(random, Capacity * Utilisation(minute));
            var trueWait = Queue / Capacity;
            _credit = Math.Min(_credit + Capacity, Queue == 0 ? Capacity : double.MaxValue);
            ServedLastMinute = Math.Min(Queue, (int)_credit);
            _credit -= ServedLastMinute;
            Queue -= ServedLastMinute;
            return trueWait;
        }

        private static double Utilisation(int minute) => minute switch
        {
            >= 20 and < 110 => 1.35,   // 08:20–09:50, the morning rush
            >= 540 and < 600 => 1.25,  // 17:00–18:00, after work
            _ => 0.55,
        };
    }

    [Fact]
    public async Task Estimated_waits_stay_within_three_minutes_of_the_true_waits()
    {
        var random = new Random(2022);
        var staffError = new Random(15);
        var sites = Enumerable.Range(0, SimulationFixture.Sites).Select(i => new SimulatedSite(i, random)).ToList();
        var tokens = new Dictionary<string, string>();
        foreach (var site in sites)
            tokens[site.Id] = await host.TokenForAsync(site.Id);

        var lastReported = new Dictionary<string, (int Queue, int Windows)>();
        double errorSum = 0, naiveErrorSum = 0;
        int compared = 0, trueWaitAbove = 0;
        for (var minute = 0; minute < Minutes; minute++)
        {
            var start = Eight.AddMinutes(minute);
            host.Clock.Set(start.AddSeconds(5));
            if (minute > 0)
            {
                var counts = sites.Select(s => new { siteId = s.Id, minute = start.AddMinutes(-1), samples = s.ServedLastMinute }).ToArray();
                (await host.AdminAsync(HttpMethod.Post, "manage/throughput", new { counts })).Response.EnsureSuccessStatusCode();
            }

            var trueWaits = new Dictionary<string, double>();
            foreach (var (site, index) in sites.Select((s, i) => (s, i)))
            {
                trueWaits[site.Id] = site.Step(minute);
                if (minute % 5 == index % 5)
                {
                    // Staff count the queue by eye: up to ±15% off.
                    var queueNow = (int)Math.Round((site.Queue + site.ServedLastMinute) * (0.85 + (staffError.NextDouble() * 0.3)));
                    (await host.ReportAsync(site.Id, tokens[site.Id], new { queueLength = queueNow, openWindows = site.Windows })).Response.EnsureSuccessStatusCode();
                    lastReported[site.Id] = (queueNow, site.Windows);
                }
            }

            host.Clock.Set(start.AddSeconds(40));
            var run = await host.AggregateAsync();
            Assert.True(run.Ran);

            var (_, page) = await host.GetAsync("sites?limit=100&district=" + Uri.EscapeDataString(SimulationFixture.District));
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                var id = item.GetProperty("id").GetString()!;
                if (!item.GetProperty("status").TryGetProperty("waitMinutes", out var shown))
                    continue;

                compared++;
                errorSum += Math.Abs(shown.GetInt32() - trueWaits[id]);
                var (queue, windows) = lastReported[id];
                naiveErrorSum += Math.Abs(Math.Round(queue / (windows * 2.0)) - trueWaits[id]);
                trueWaitAbove += trueWaits[id] >= 25 ? 1 : 0;
            }
        }

        var mae = errorSum / compared;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Simulated day: {SimulationFixture.Sites} sites × {Minutes} minutes, {compared} site-minutes compared ({trueWaitAbove} with a true wait ≥ 25 min)."));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean absolute error of the shown wait: {mae:F2} min (windows × configured rate only: {naiveErrorSum / compared:F2} min)."));
        Assert.True(compared > SimulationFixture.Sites * Minutes * 0.95, $"only {compared} site-minutes had a wait");
        Assert.True(trueWaitAbove > 100, "the day should include real queues");
        Assert.True(mae <= 3, $"mean absolute error {mae:F2} min");
    }
}
