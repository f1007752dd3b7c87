using System.Text;
using System.Text.Json;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Hours;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Http;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The hand-written site view must be, byte for byte, what the serializer writes with the API's options.</summary>
public class SiteViewJsonTests
{
    private static readonly DateTimeOffset Now = new(2022, 4, 28, 2, 7, 0, TimeSpan.Zero);

    [Fact]
    public void Every_demo_site_is_written_as_the_serializer_writes_it()
    {
        var sites = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch);
        Assert.Equal(sites.Count * 12, CompareAll(sites));
    }

    [RealDataFact]
    public void Every_site_of_both_real_lists_is_written_as_the_serializer_writes_it()
    {
        var sites = new List<Site>();
        foreach (var file in new[] { RealData.HangzhouSites, RealData.DalianSites })
        {
            using var reader = new StreamReader(RealData.PathOf(file));
            sites.AddRange(SiteImporter.Plan(SiteInput.FromCsv(reader, out _), Now).Sites);
        }

        // The lists' messy hours are what the demo city lacks: qualifiers, problems, odd and even dates (closing after
        // midnight, which neither list has, is in the enum test's openings).
        Assert.Contains(sites, s => s.Hours.Qualifiers.Count > 0);
        Assert.Contains(sites, s => s.Hours.Status == HoursParseStatus.Unparsed);
        Assert.Contains(sites, s => s.Hours.OddEvenDates);
        Assert.True(sites.Count > 2_000);
        Assert.Equal(sites.Count * 12, CompareAll(sites));
    }

    [Fact]
    public void A_view_with_every_property_set_and_one_with_every_optional_one_left_out_are_written_as_the_serializer_writes_them()
    {
        var site = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch).First(s => s.Audience.Groups.Count > 0);
        var parts = new SiteViewParts(site);
        var board = new StatusBoard([], new StatusOptions());
        var full = SiteView.Detail(site, parts, CoordinateSystem.Gcj02, Now, board) with
        {
            Street = "南京西路街道",
            Location = parts.Locations[1] with { Approximate = true },
            DistanceMeters = 1234.5,
            WalkMinutes = 17,
            TotalMinutes = 29,
            TypeDerived = true,
            OpenNow = false,
            Status = new StatusView(BusyLevel.Busy, 12, Now.AddTicks(1_234_500), Now.AddMinutes(-3), Now.AddHours(-1), StatusSource.Residents),
            State = SiteState.Suspended,
            SuspendedUntil = Now.AddDays(1),
            StateReason = "消毒，暂停采样 \"quoted\" <b>",
            Phone = "021-1234 5678",
            Geocoded = new GeocodedView("gazetteer", 0.875),
            Notes = "备注\n第二行",
            UpdatedAt = Now.AddSeconds(-1),
            Hours = parts.FullHours with { AlwaysOpen = true, AlternateWeeks = true, OddEvenDates = true, Problem = "未读懂", Qualifiers = Enum.GetValues<HoursQualifier>() },
        };
        AssertSame(full);

        var bare = full with
        {
            Street = null,
            Location = parts.Locations[0],
            DistanceMeters = null,
            WalkMinutes = null,
            TotalMinutes = null,
            TypeDerived = null,
            OpenNow = null,
            Status = null!,
            SuspendedUntil = null,
            StateReason = null,
            Phone = null,
            TypeText = null,
            SourceId = null,
            SourceLocation = null,
            Geocoded = null,
            Notes = null,
            UpdatedAt = null,
            Audience = new AudienceView(AudienceKind.Public, null, null),
            Hours = new HoursView("", HoursParseStatus.Empty, null, null, null, null, null, null, null),
        };
        AssertSame(bare);
    }

    /// <summary>What a stored record could still bring (a number where a name was expected, an explicit null): written as the serializer writes it, not thrown.</summary>
    [Fact]
    public void Enum_values_without_a_name_and_nulls_in_required_members_are_written_as_the_serializer_writes_them()
    {
        var site = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)[0];
        var parts = new SiteViewParts(site);
        var view = SiteView.Detail(site, parts, CoordinateSystem.Wgs84, Now, new StatusBoard([], new StatusOptions()));
        AssertSame(view with
        {
            Type = (SiteType)7,
            State = (SiteState)(-1),
            Audience = new AudienceView((AudienceKind)9, ["a", null!], null),
            Hours = view.Hours with { Status = (HoursParseStatus)5, Qualifiers = [(HoursQualifier)42], Today = [new IntervalView("mon", "08:00", "09:00", null, null, (DateParity)3), null!] },
            Status = new StatusView((BusyLevel)99, null, null, null, null, (StatusSource)8),
        });
        AssertSame(view with
        {
            Id = null!,
            Name = null!,
            Address = null!,
            District = null!,
            City = null!,
            Location = null!,
            Audience = null!,
            Hours = null!,
            Geocoded = new GeocodedView(null!, 0.5),
            SourceLocation = new LocationView(31.2, 121.4, null!),
        });
        AssertSame(view with { Hours = new HoursView(null!, HoursParseStatus.Parsed, null, null, [new IntervalView(null!, null!, null!, null, null, null)], null, null, null, null) });
    }

    [Fact]
    public void Every_value_of_every_enum_in_the_view_is_named_as_the_serializer_names_it()
    {
        var site = DemoCatalogue.Generate(DateTimeOffset.UnixEpoch)[0];
        var view = SiteView.Summary(site, new SiteViewParts(site), CoordinateSystem.Wgs84, Now, new StatusBoard([], new StatusOptions()));
        var compared = 0;
        foreach (var type in Enum.GetValues<SiteType>())
        {
            foreach (var state in Enum.GetValues<SiteState>())
            {
                foreach (var kind in Enum.GetValues<AudienceKind>())
                {
                    AssertSame(view with { Type = type, State = state, Audience = view.Audience with { Kind = kind } });
                    compared++;
                }
            }
        }

        foreach (var level in Enum.GetValues<BusyLevel>())
        {
            foreach (var source in Enum.GetValues<StatusSource>())
            {
                AssertSame(view with { Status = new StatusView(level, null, null, null, null, source) });
                compared++;
            }
        }

        foreach (var status in Enum.GetValues<HoursParseStatus>())
        {
            foreach (var parity in Enum.GetValues<DateParity>())
            {
                var interval = new IntervalView("mon", "08:00", "01:30", true, true, parity);
                AssertSame(view with { Hours = view.Hours with { Status = status, Today = [interval], Weekly = [interval, interval with { Dates = null }] } });
                compared++;
            }
        }

        Assert.Equal((4 * 4 * 3) + (Enum.GetValues<BusyLevel>().Length * 4) + (3 * 3), compared);
    }

    /// <summary>Summary and detail views of each site with a status of its own, in every coordinate system, on an odd and an even date.</summary>
    private static int CompareAll(IReadOnlyList<Site> sites)
    {
        var random = new Random(7);
        var statuses = sites.Where(_ => random.Next(2) == 0).Select(
            s => StatusEstimator.Estimate(new StatusReport { SiteId = s.Id, ReportId = "r", ReceivedAt = Now.AddMinutes(-random.Next(30)).AddTicks(random.Next(10_000_000)), QueueLength = random.Next(80), OpenWindows = 2 }, [], null, Now, new StatusOptions()).ToBoardStatus());
        var board = new StatusBoard(statuses, new StatusOptions());
        var compared = 0;
        foreach (var site in sites)
        {
            var parts = new SiteViewParts(site);
            foreach (var coord in Enum.GetValues<CoordinateSystem>())
            {
                foreach (var now in new[] { Now, Now.AddDays(3).AddHours(13) })
                {
                    AssertSame(SiteView.Summary(site, parts, coord, now, board));
                    AssertSame(SiteView.Detail(site, parts, coord, now, board));
                    compared += 2;
                }
            }
        }

        return compared;
    }

    private static void AssertSame(SiteView view)
    {
        var expected = JsonSerializer.SerializeToUtf8Bytes(view, ApiJson.Options);
        var written = SiteViewJson.ToUtf8Bytes(view);

        // As text first, for a readable difference; then the bytes themselves.
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
        Assert.Equal(expected, written);
    }
}
