using System.Text.Json;
using System.Text.Json.Nodes;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Functions.Sites;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The hand-written nearby answer must be exactly what the view serializer gives.</summary>
public class NearbyJsonTests
{
    private static readonly ServedCatalogue Served = new(new Catalogue(DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)));
    private static readonly Catalogue Demo = Served.Catalogue;

    [Fact]
    public void Fast_writer_and_view_serializer_give_the_same_json()
    {
        var random = new Random(4);
        var statuses = Demo.Sites.Where(_ => random.Next(2) == 0).Select(
            s => StatusEstimator.Estimate(new StatusReport { SiteId = s.Id, ReportId = "r", ReceivedAt = new DateTimeOffset(2022, 4, 28, 1, 50, 0, TimeSpan.Zero), QueueLength = random.Next(80), OpenWindows = 2 }, [], null, new DateTimeOffset(2022, 4, 28, 1, 51, 0, TimeSpan.Zero), new StatusOptions()).ToBoardStatus());
        var board = new StatusBoard(statuses, new StatusOptions());
        var compared = 0;
        foreach (var hour in new[] { 0, 2, 10, 15, 23 })
        {
            var now = new DateTimeOffset(2022, 4, 28, hour, 7, 0, TimeSpan.Zero);
            foreach (var coord in Enum.GetValues<CoordinateSystem>())
            {
                // Every site, reserved or not, so that the audience labels of reserved sites are compared too.
                var query = new NearbyQuery(new GeoPoint(31.1 + (random.NextDouble() * 0.3), 121.3 + (random.NextDouble() * 0.3)), 1 + random.Next(50), 50_000) { Audience = Audience.AnyName };
                foreach (var hits in new[] { Demo.Nearby(query, now, board), Demo.NearbyByTime(query, now, board), [] })
                {
                    var fast = JsonNode.Parse(NearbyJson.Write(hits, Served, coord, now, board).Span);
                    var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, coord, now, board)).ToArray()), ApiJson.Options));
                    Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");
                    compared += hits.Count;
                }
            }
        }

        Assert.True(compared > 500);
    }

    /// <summary>
    /// Byte for byte, the answer is what the Utf8JsonWriter version of the writer gave (kept below as the
    /// reference): statuses of every level and source, times with and without fractions of a second, totals.
    /// </summary>
    [Fact]
    public void Answer_bytes_are_those_the_json_writer_gave()
    {
        var random = new Random(16);
        var now = new DateTimeOffset(2022, 4, 28, 2, 7, 0, TimeSpan.Zero).AddTicks(1_234_500);
        string[] sources = [StatusSources.Staff, StatusSources.Residents, StatusSources.Operator, StatusSources.Demo, "unknown"];
        BusyLevel[] levels = [BusyLevel.Paused, BusyLevel.Unconfirmed, BusyLevel.Busy, BusyLevel.Idle];
        var statuses = Demo.Sites.Where(_ => random.Next(3) > 0).Select(s =>
        {
            var received = now.AddMinutes(-random.Next(60)).AddTicks(random.Next(3) switch { 0 => 0, 1 => 5_000_000, _ => random.Next(10_000_000) });
            var report = new StatusReport
            {
                SiteId = s.Id,
                ReportId = "r",
                ReceivedAt = received,
                QueueLength = random.Next(120),
                OpenWindows = 1 + random.Next(3),
                Source = sources[random.Next(sources.Length)],
                Level = random.Next(4) == 0 ? levels[random.Next(levels.Length)] : null,
            };
            return StatusEstimator.Estimate(report, [], null, now, new StatusOptions()).ToBoardStatus();
        });
        var board = new StatusBoard(statuses, new StatusOptions());
        var levelsSeen = new HashSet<string>();
        for (var i = 0; i < 200; i++)
        {
            var at = now.AddMinutes(random.Next(-30, 30));
            var coord = (CoordinateSystem)random.Next(3);
            var query = new NearbyQuery(new GeoPoint(31.1 + (random.NextDouble() * 0.3), 121.3 + (random.NextDouble() * 0.3)), 1 + random.Next(50), 50_000) { Audience = Audience.AnyName };
            var hits = i % 2 == 0 ? Demo.Nearby(query, at, board) : Demo.NearbyByTime(query, at, board);
            var near = i % 10 == 0 ? """{"near":{"name":"翠湖天地"},"degraded":true}"""u8.ToArray() : null;
            var fast = NearbyJson.Write(hits, Served, coord, at, board, near).ToArray();
            var reference = ReferenceWrite(hits, Served, coord, at, board, near);
            Assert.Equal(System.Text.Encoding.UTF8.GetString(reference), System.Text.Encoding.UTF8.GetString(fast));
            foreach (var item in JsonNode.Parse(fast)!["items"]!.AsArray())
                levelsSeen.Add((string)item!["status"]!["level"]! + (item["status"]!["source"] is { } source ? "/" + (string)source! : ""));
        }

        Assert.Superset(new HashSet<string> { "closed", "noData", "paused/staff", "unconfirmed/residents", "busy/demo", "idle/operator" }, levelsSeen);
    }

    /// <summary>The JSON writer's numbers and dates, which the nearby writer writes by hand.</summary>
    [Fact]
    public void Numbers_and_dates_are_written_as_the_json_writer_writes_them()
    {
        var random = new Random(5);
        var buffer = new byte[64];
        double[] doubles = [0, 1, 7, 49_999, 50_000, 1e14, 1e15, 1e16, 123.5, 0.1, -3, -0.0, double.MaxValue, 1234.000001];
        foreach (var value in doubles.Concat(Enumerable.Range(0, 2000).Select(_ => Math.Round(random.NextDouble() * 60_000))))
            Assert.Equal(WriterText(w => w.WriteNumberValue(value)), Text(buffer, JsonFormat.Number(buffer, value)));
        foreach (var value in new[] { 0, 1, -1, 59, int.MaxValue, int.MinValue }.Concat(Enumerable.Range(0, 200).Select(_ => random.Next())))
            Assert.Equal(WriterText(w => w.WriteNumberValue(value)), Text(buffer, JsonFormat.Number(buffer, value)));

        var instant = new DateTimeOffset(2022, 4, 28, 1, 50, 0, TimeSpan.Zero);
        DateTimeOffset[] dates =
        [
            instant, instant.AddTicks(1), instant.AddTicks(10), instant.AddTicks(5_000_000), instant.AddTicks(1_230_000), instant.AddTicks(9_999_999),
            instant.ToOffset(TimeSpan.FromHours(8)), instant.ToOffset(TimeSpan.FromMinutes(-330)).AddTicks(120), DateTimeOffset.MinValue, DateTimeOffset.MaxValue,
        ];
        foreach (var value in dates.Concat(Enumerable.Range(0, 2000).Select(_ => instant.AddTicks(random.NextInt64(TimeSpan.TicksPerDay * 400)).ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 56))))))
        {
            var written = JsonFormat.Date(buffer, value);
            Assert.True(written <= JsonFormat.MaxDateBytes);
            Assert.Equal(WriterText(w => w.WriteStringValue(value)), Text(buffer, written));
        }

        static string Text(byte[] bytes, int length) => System.Text.Encoding.UTF8.GetString(bytes, 0, length);
    }

    [Fact]
    public void Todays_openings_include_last_nights_that_run_past_midnight()
    {
        var site = Demo.Sites[0] with { Hours = SiteFinder.Domain.Hours.OpeningHours.Parse("周六 22:00-次日6:00") };
        var sundayThree = new DateTimeOffset(2022, 5, 1, 3, 0, 0, TimeSpan.FromHours(8));
        var parts = new SiteViewParts(site);
        var view = SiteView.Summary(site, parts, CoordinateSystem.Wgs84, sundayThree, StatusBoard.Empty(new StatusOptions()));
        Assert.True(view.OpenNow);
        var opening = Assert.Single(view.Hours.Today!);
        Assert.Equal(("sat", "22:00", "06:00", true), (opening.Day, opening.Open, opening.Close, opening.ClosesNextDay));
        Assert.Empty(SiteView.Summary(site, parts, CoordinateSystem.Wgs84, sundayThree.AddDays(1), StatusBoard.Empty(new StatusOptions())).Hours.Today!);
    }

    [Fact]
    public void Odd_date_openings_of_today_follow_the_day_of_the_month_and_qualifiers_are_shown()
    {
        var site = Demo.Sites[0] with { Hours = SiteFinder.Domain.Hours.OpeningHours.Parse("单号 20:00-次日02:00（预约检测）") };
        var served = new ServedCatalogue(new Catalogue([site]));
        var board = StatusBoard.Empty(new StatusOptions());
        var query = new NearbyQuery(site.Location, 5, 1_000);

        // Wednesday 1 June follows Tuesday 31 May: both odd, so last night's opening and tonight's both count.
        foreach (var (date, days) in new[] { ((6, 1), "tue,wed"), ((6, 2), "wed"), ((6, 3), "fri"), ((5, 1), "sun") })
        {
            var now = new DateTimeOffset(2022, date.Item1, date.Item2, 1, 0, 0, TimeSpan.FromHours(8));
            var hits = served.Catalogue.Nearby(query, now, board);
            var fast = JsonNode.Parse(NearbyJson.Write(hits, served, CoordinateSystem.Wgs84, now, board).Span)!;
            var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, served, CoordinateSystem.Wgs84, now, board)).ToArray()), ApiJson.Options));
            Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");

            var hours = fast["items"]![0]!["hours"]!;
            Assert.Equal(days, string.Join(",", hours["today"]!.AsArray().Select(i => (string)i!["day"]!)));
            Assert.All(hours["today"]!.AsArray(), i => Assert.Equal("odd", (string)i!["dates"]!));
            Assert.True((bool)hours["oddEvenDates"]!);
            Assert.Equal(["appointmentOnly"], hours["qualifiers"]!.AsArray().Select(q => (string)q!));
        }
    }

    [Fact]
    public void An_approximate_location_is_written_as_the_view_writes_it()
    {
        var sites = Demo.Sites.Take(300).Select((s, i) => i % 3 == 0 ? s with { LocationApproximate = true } : s).ToArray();
        var served = new ServedCatalogue(new Catalogue(sites));
        var board = StatusBoard.Empty(new StatusOptions());
        var now = new DateTimeOffset(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);
        var hits = served.Catalogue.Nearby(new NearbyQuery(sites[0].Location, 50, 50_000), now, board);
        foreach (var coord in Enum.GetValues<CoordinateSystem>())
        {
            var fast = JsonNode.Parse(NearbyJson.Write(hits, served, coord, now, board).Span)!;
            var views = JsonNode.Parse(JsonSerializer.SerializeToUtf8Bytes(new ListPage<SiteView>(hits.Select(h => View(h, served, coord, now, board)).ToArray()), ApiJson.Options));
            Assert.True(JsonNode.DeepEquals(fast, views), $"{fast}\n≠\n{views}");
            var items = fast["items"]!.AsArray();
            Assert.Equal(hits.Select(h => h.Site.LocationApproximate), items.Select(i => i!["location"]!["approximate"] is { } a && (bool)a));
        }

        Assert.Contains(hits, h => h.Site.LocationApproximate);
        Assert.Contains(hits, h => !h.Site.LocationApproximate);
    }

    private static string WriterText(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder, SkipValidation = true }))
            write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The nearby writer as it was before it wrote its per-request fields by hand: a Utf8JsonWriter and the status view.</summary>
    private static byte[] ReferenceWrite(IReadOnlyList<NearbyHit> hits, ServedCatalogue served, CoordinateSystem coord, DateTimeOffset now, StatusBoard board, byte[]? extra)
    {
        var date = DateOnly.FromDateTime(SiteFinder.Domain.Hours.ShanghaiClock.ToLocal(now));
        var output = new List<byte>("{\"items\":["u8.ToArray());
        var scratch = new System.Buffers.ArrayBufferWriter<byte>();
        using var writer = new Utf8JsonWriter(scratch, new JsonWriterOptions { Encoder = ApiJson.Options.Encoder, SkipValidation = true });
        for (var i = 0; i < hits.Count; i++)
        {
            var hit = hits[i];
            if (i > 0)
                output.Add((byte)',');
            output.AddRange(served.PartsOf(hit.Site).StaticJson(coord, date));
            scratch.ResetWrittenCount();
            writer.Reset(scratch);
            writer.WriteStartObject();
            writer.WriteNumber("distanceMeters", Math.Round(hit.DistanceMeters));
            writer.WriteNumber("walkMinutes", hit.WalkMinutes);
            if (hit.TotalMinutes is { } total)
                writer.WriteNumber("totalMinutes", (int)Math.Ceiling(total));
            if (hit.Site.IsOpenAt(now) is { } open)
                writer.WriteBoolean("openNow", open);
            var status = StatusView.Of(board.Current(hit.Site, now));
            writer.WriteStartObject("status");
            writer.WriteString("level", JsonNamingPolicy.CamelCase.ConvertName(status.Level.ToString()));
            if (status.WaitMinutes is { } wait)
                writer.WriteNumber("waitMinutes", wait);
            if (status.UpdatedAt is { } updated)
                writer.WriteString("updatedAt", updated);
            if (status.ConfirmedAt is { } confirmed)
                writer.WriteString("confirmedAt", confirmed);
            if (status.ChangedAt is { } changed)
                writer.WriteString("changedAt", changed);
            if (status.Source is { } source)
                writer.WriteString("source", StatusSources.NameOf(source));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.Flush();
            output.Add((byte)',');
            output.AddRange(scratch.WrittenSpan[1..].ToArray());
        }

        output.AddRange("],\"cursor\":null"u8.ToArray());
        if (extra is { Length: > 2 })
        {
            output.Add((byte)',');
            output.AddRange(extra[1..^1]);
        }

        output.Add((byte)'}');
        return [.. output];
    }

    /// <summary>A nearby item the ordinary way: the site's summary view with the hit's distance, walk and total.</summary>
    private static SiteView View(NearbyHit hit, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) => View(hit, Served, coord, now, board);

    private static SiteView View(NearbyHit hit, ServedCatalogue served, CoordinateSystem coord, DateTimeOffset now, StatusBoard board) =>
        SiteView.Summary(hit.Site, served.PartsOf(hit.Site), coord, now, board) with
        {
            DistanceMeters = Math.Round(hit.DistanceMeters),
            WalkMinutes = hit.WalkMinutes,
            TotalMinutes = hit.TotalMinutes is { } total ? (int)Math.Ceiling(total) : null,
        };
}
