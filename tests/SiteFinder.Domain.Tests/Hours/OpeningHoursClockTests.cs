using SiteFinder.Domain.Hours;

namespace SiteFinder.Domain.Tests.Hours;

/// <summary>Open-now questions, always answered on the Shanghai clock. 2022-04-25 was a Monday, 2022-04-28 a Thursday.</summary>
public sealed class OpeningHoursClockTests
{
    private static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An instant given as Shanghai wall-clock time.</summary>
    private static DateTimeOffset Shanghai(int month, int day, int hour, int minute, int second = 0) =>
        new(2022, month, day, hour, minute, second, TimeSpan.FromHours(8));

    [Fact]
    public void Shanghai_clock_is_utc_plus_8()
    {
        Assert.Equal(TimeSpan.FromHours(8), ShanghaiClock.Zone.GetUtcOffset(Utc("2022-04-28T00:30:00Z")));
        var local = ShanghaiClock.ToLocal(Utc("2022-04-28T00:30:00Z"));
        Assert.Equal(new DateTime(2022, 4, 28, 8, 30, 0), local);
        Assert.Equal(DayOfWeek.Thursday, local.DayOfWeek);
    }

    /// <summary>
    /// ToLocal adds the zone's fixed offset to instants after its last change of offset instead of asking the zone:
    /// every hour from 1980 (daylight saving 1986-1991 included) to 2060, at odd minutes and ticks and written
    /// with other offsets, it gives what the zone gives.
    /// </summary>
    [Fact]
    public void Shanghai_clock_agrees_with_the_zone_before_during_and_after_its_daylight_saving_years()
    {
        var random = new Random(16);
        var compared = 0;
        var differentOffsets = new HashSet<TimeSpan>();
        for (var instant = Utc("1980-01-01T00:00:00Z"); instant < Utc("2060-01-01T00:00:00Z"); instant = instant.AddHours(1))
        {
            var at = instant.AddTicks(random.NextInt64(TimeSpan.TicksPerHour)).ToOffset(TimeSpan.FromMinutes(30 * random.Next(-24, 25)));
            var expected = TimeZoneInfo.ConvertTime(at, ShanghaiClock.Zone).DateTime;
            Assert.Equal(expected, ShanghaiClock.ToLocal(at));
            Assert.Equal(expected.Kind, ShanghaiClock.ToLocal(at).Kind);
            differentOffsets.Add(ShanghaiClock.Zone.GetUtcOffset(at));
            compared++;
        }

        Assert.True(compared > 700_000);
        Assert.Equal([TimeSpan.FromHours(8), TimeSpan.FromHours(9)], differentOffsets.Order());
        Assert.Equal(new DateTime(2026, 12, 2, 14, 30, 0), ShanghaiClock.ToLocal(Utc("2026-12-02T06:30:00Z")));
        Assert.Equal(new DateTime(1988, 7, 1, 9, 0, 0), ShanghaiClock.ToLocal(Utc("1988-07-01T00:00:00Z")));
    }

    [Fact]
    public void Shanghai_clock_ignores_the_offset_of_the_instant() =>
        Assert.Equal(new DateTime(2022, 4, 28, 8, 30, 0), ShanghaiClock.ToLocal(Utc("2022-04-27T19:30:00-05:00")));

    [Theory]
    [InlineData("2022-04-28T00:29:59Z", false)] // Thu 08:29:59
    [InlineData("2022-04-28T00:30:00Z", true)] // Thu 08:30, opening minute is open
    [InlineData("2022-04-28T02:59:59Z", true)] // Thu 10:59:59
    [InlineData("2022-04-28T03:00:00Z", false)] // Thu 11:00, closing minute is closed
    [InlineData("2022-04-28T05:30:00Z", true)] // Thu 13:30
    [InlineData("2022-04-28T08:00:00Z", false)] // Thu 16:00
    [InlineData("2022-04-27T00:30:00Z", false)] // Wed 08:30
    [InlineData("2022-04-28T02:30:00+02:00", true)] // same instant as 00:30Z written with another offset
    public void Is_open_at_boundaries_from_utc_instants(string instant, bool open)
    {
        var hours = OpeningHours.Parse("周一、周四;8:30~11:00 13:30~16:00");
        Assert.Equal(open, hours.IsOpenAt(Utc(instant)));
    }

    [Fact]
    public void Utc_evening_is_next_morning_in_shanghai()
    {
        // 2022-04-27T23:00Z is Thursday 07:00 in Shanghai, though still Wednesday in UTC.
        var hours = OpeningHours.Parse("周四 7:00-8:00");
        Assert.Equal(true, hours.IsOpenAt(Utc("2022-04-27T23:00:00Z")));
        Assert.Equal(false, hours.IsOpenAt(Utc("2022-04-28T07:00:00Z")));
    }

    [Theory]
    [InlineData(4, 25, 19, 59, false)] // Mon 19:59
    [InlineData(4, 25, 20, 0, true)] // Mon 20:00
    [InlineData(4, 25, 23, 59, true)]
    [InlineData(4, 26, 0, 0, true)] // Tue 00:00, still Monday's opening
    [InlineData(4, 26, 1, 0, true)] // Tue 01:00
    [InlineData(4, 26, 2, 0, false)] // Tue 02:00 closes
    [InlineData(4, 26, 20, 30, false)] // Tue evening: only Monday opens
    [InlineData(4, 27, 1, 0, false)] // Wed 01:00
    public void Opening_past_midnight_counts_on_the_next_day(int month, int day, int hour, int minute, bool open)
    {
        var hours = OpeningHours.Parse("周一 20:00-次日02:00");
        Assert.Equal(open, hours.IsOpenAt(Shanghai(month, day, hour, minute)));
    }

    [Fact]
    public void Sunday_night_opening_spills_into_monday()
    {
        var hours = OpeningHours.Parse("周日 22:00-06:00");
        Assert.Equal(true, hours.IsOpenAt(Shanghai(5, 1, 23, 0))); // Sun 23:00
        Assert.Equal(true, hours.IsOpenAt(Shanghai(5, 2, 5, 59))); // Mon 05:59
        Assert.Equal(false, hours.IsOpenAt(Shanghai(5, 2, 6, 0))); // Mon 06:00
        Assert.Equal(false, hours.IsOpenAt(Shanghai(4, 30, 23, 0))); // Sat 23:00
        Assert.Equal(480, MinutesUntilClose.Of(hours, Shanghai(5, 1, 22, 0))); // across the end of the week
    }

    [Fact]
    public void Always_open_is_open_at_any_time()
    {
        var hours = OpeningHours.Parse("周一至周日;24小时");
        Assert.Equal(true, hours.IsOpenAt(Shanghai(4, 28, 3, 0)));
        Assert.Equal(true, hours.IsOpenAt(Shanghai(5, 1, 23, 59, 59)));
        Assert.Equal(int.MaxValue, MinutesUntilClose.Of(hours, Shanghai(4, 28, 3, 0)));
    }

    [Fact]
    public void Alternate_week_interval_gives_null()
    {
        var hours = OpeningHours.Parse("周一、周三、周五、周日、隔周 周二、周四、周六8：00-11：00");
        Assert.Null(hours.IsOpenAt(Utc("2022-04-28T00:30:00Z"))); // Thu 08:30: alternate weeks, unknown
        Assert.Equal(false, hours.IsOpenAt(Utc("2022-04-28T05:00:00Z"))); // Thu 13:00: closed either way
        Assert.Equal(true, hours.IsOpenAt(Shanghai(4, 27, 8, 30))); // Wed 08:30: every week
        Assert.Null(MinutesUntilClose.Of(hours, Utc("2022-04-28T00:30:00Z")));
        Assert.Equal(150, MinutesUntilClose.Of(hours, Shanghai(4, 27, 8, 30)));
    }

    [Theory]
    [InlineData("隔天9:00-17:00")]
    [InlineData("周一至周日16：30-8：00")]
    [InlineData("")]
    [InlineData(null)]
    public void Unparsed_and_empty_give_null(string? raw)
    {
        var hours = OpeningHours.Parse(raw);
        Assert.Null(hours.IsOpenAt(Shanghai(4, 28, 10, 0)));
        Assert.Null(MinutesUntilClose.Of(hours, Shanghai(4, 28, 10, 0)));
        Assert.Null(OpeningHours.Unknown.IsOpenAt(Shanghai(4, 28, 10, 0)));
    }

    [Theory]
    [InlineData(4, 27, 10, 0, true)] // the 27th is odd
    [InlineData(4, 27, 8, 59, false)]
    [InlineData(4, 27, 17, 0, false)]
    [InlineData(4, 28, 10, 0, false)] // the 28th is even
    [InlineData(4, 30, 10, 0, false)] // the 30th, then the 1st of a 30-day month
    [InlineData(5, 1, 10, 0, true)]
    [InlineData(5, 31, 10, 0, true)] // the 31st, then the 1st: both odd
    [InlineData(6, 1, 10, 0, true)]
    [InlineData(6, 2, 10, 0, false)]
    [InlineData(2, 28, 10, 0, false)] // February ends on an even day in 2022
    [InlineData(3, 1, 10, 0, true)]
    [InlineData(12, 31, 10, 0, true)] // across the year
    public void Odd_dates_follow_the_day_of_the_month(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, OpeningHours.Parse("单号;9:00-17:00").IsOpenAt(Shanghai(month, day, hour, minute)));

    [Theory]
    [InlineData(5, 31, 10, 0, true)] // odd: morning
    [InlineData(5, 31, 16, 0, false)]
    [InlineData(6, 1, 10, 0, true)] // odd again after the 31st
    [InlineData(6, 1, 16, 0, false)]
    [InlineData(6, 2, 10, 0, false)] // even: afternoon
    [InlineData(6, 2, 16, 0, true)]
    [InlineData(4, 30, 16, 0, true)]
    [InlineData(5, 1, 10, 0, true)]
    public void Odd_mornings_and_even_afternoons(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, OpeningHours.Parse("单号上午7:30-11：30；双号下午15:30-19:30").IsOpenAt(Shanghai(month, day, hour, minute)));

    [Theory]
    [InlineData(5, 31, 21, 0, true)] // opens on the 31st (odd)
    [InlineData(6, 1, 1, 0, true)] // still the 31st's opening
    [InlineData(6, 1, 2, 0, false)]
    [InlineData(6, 1, 21, 0, true)] // the 1st is odd too
    [InlineData(6, 2, 1, 0, true)] // the 1st's opening
    [InlineData(6, 2, 21, 0, false)] // the 2nd is even
    [InlineData(6, 3, 1, 0, false)] // no opening started on the 2nd
    [InlineData(4, 30, 21, 0, false)]
    [InlineData(5, 1, 1, 0, false)] // the 30th (even) opened nothing
    [InlineData(5, 1, 21, 0, true)]
    public void An_odd_date_opening_past_midnight_counts_by_the_date_it_starts(int month, int day, int hour, int minute, bool open) =>
        Assert.Equal(open, OpeningHours.Parse("单号 20:00-次日02:00").IsOpenAt(Shanghai(month, day, hour, minute)));

    [Fact]
    public void Odd_and_even_dates_are_read_on_the_shanghai_clock()
    {
        var hours = OpeningHours.Parse("双号 0:00-8:00");
        Assert.Equal(true, hours.IsOpenAt(Utc("2022-05-01T16:30:00Z"))); // 00:30 on the 2nd in Shanghai, still the 1st in UTC
        Assert.Equal(false, hours.IsOpenAt(Utc("2022-05-01T15:30:00Z"))); // 23:30 on the 1st
    }

    [Fact]
    public void Odd_even_openings_of_a_date_follow_its_day_of_the_month()
    {
        var hours = OpeningHours.Parse("单号 20:00-次日02:00");

        // Wednesday 1 June: its own opening and the one of Tuesday 31 May that runs past midnight.
        Assert.Equal(["Tue 20:00-02:00(+1) (odd dates)", "Wed 20:00-02:00(+1) (odd dates)"], hours.OpeningsOn(new DateOnly(2022, 6, 1)).Select(i => i.ToString()));
        Assert.Equal(["Wed 20:00-02:00(+1) (odd dates)"], hours.OpeningsOn(new DateOnly(2022, 6, 2)).Select(i => i.ToString()));
        Assert.Equal(["Fri 20:00-02:00(+1) (odd dates)"], hours.OpeningsOn(new DateOnly(2022, 6, 3)).Select(i => i.ToString()));
        Assert.Empty(OpeningHours.Parse("双号;9:00-17:00").OpeningsOn(new DateOnly(2022, 6, 1)));
    }

    /// <summary>
    /// Every 7 minutes of 2022 and the first days of 2023, <see cref="OpeningHours.IsOpenAt"/> agrees with a plain
    /// reading of the intervals: each opening placed on the dates of its weekday and parity. The openings of the
    /// instant's local date include the one that holds it.
    /// </summary>
    [Theory]
    [InlineData("单号;9:00-17:00")]
    [InlineData("单号 20:00-次日02:00")]
    [InlineData("双号 22:00-06:00；单号 周一 8:00-23:00")]
    [InlineData("（按日期）单号日7点30分--11点30分；双号日15点30分--19点30分")]
    public void Odd_even_dates_agree_with_a_calendar_reading(string raw)
    {
        var hours = OpeningHours.Parse(raw);
        Assert.Equal(HoursParseStatus.Parsed, hours.Status);
        var start = new DateTime(2022, 1, 1);
        for (var local = start; local < new DateTime(2023, 1, 8); local = local.AddMinutes(7))
        {
            var instant = new DateTimeOffset(local, TimeSpan.FromHours(8));
            var date = DateOnly.FromDateTime(local);
            var holding = hours.Intervals.Where(i => Holds(i, date, local) || Holds(i, date.AddDays(-1), local)).ToList();
            Assert.True((holding.Count > 0) == hours.IsOpenAt(instant), $"{raw} at {local:yyyy-MM-dd HH:mm}");
            Assert.True(holding.All(hours.OpeningsOn(date).Contains), $"{raw}: openings of {date}");
        }
    }

    [Fact]
    public void Open_at_allocates_nothing_with_odd_even_dates_either()
    {
        // It runs for every candidate of every nearby request.
        var hours = new[] { OpeningHours.Parse("周一至周五 8:00-17:00"), OpeningHours.Parse("单号上午7:30-11：30；双号 20:00-次日02:00") };
        var instants = Enumerable.Range(0, 200).Select(k => Shanghai(5, 30, 0, 0).AddMinutes(k * 37)).ToArray();
        var open = 0;
        void Run()
        {
            foreach (var h in hours)
            {
                foreach (var instant in instants)
                    open += h.IsOpenAt(instant) == true ? 1 : 0;
            }
        }

        Run();
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(open > 0);
    }

    private static bool Holds(WeeklyInterval interval, DateOnly date, DateTime local)
    {
        var odd = date.Day % 2 == 1;
        if (interval.Day != date.DayOfWeek || (interval.DateParity == DateParity.Odd && !odd) || (interval.DateParity == DateParity.Even && odd))
            return false;
        var opens = date.ToDateTime(TimeOnly.MinValue).AddMinutes(interval.StartMinute);
        return local >= opens && local < opens.AddMinutes(interval.DurationMinutes);
    }

    [Fact]
    public void A_public_holiday_is_answered_as_a_working_day_with_the_qualifier_listed()
    {
        // 2 May 2022, a Monday, was a Labour Day holiday; no holiday calendar is kept, so the weekday schedule answers.
        var hours = OpeningHours.Parse("周一至周五9：00-11：00（节假日除外）");
        Assert.Equal(true, hours.IsOpenAt(Shanghai(5, 2, 10, 0)));
        Assert.Equal(false, hours.IsOpenAt(Shanghai(5, 1, 10, 0))); // Sunday
        Assert.Equal([HoursQualifier.PublicHolidayExceptions], hours.Qualifiers);
    }

    [Fact]
    public void Minutes_until_close()
    {
        var hours = OpeningHours.Parse("周一、周四;8:30~11:00 13:30~16:00");
        Assert.Equal(150, MinutesUntilClose.Of(hours, Utc("2022-04-28T00:30:00Z"))); // Thu 08:30 → 11:00
        Assert.Equal(149, MinutesUntilClose.Of(hours, Utc("2022-04-28T00:30:30Z"))); // rounded down
        Assert.Equal(1, MinutesUntilClose.Of(hours, Shanghai(4, 28, 10, 59)));
        Assert.Null(MinutesUntilClose.Of(hours, Shanghai(4, 28, 11, 0))); // closed
        Assert.Null(MinutesUntilClose.Of(hours, Shanghai(4, 28, 12, 0)));
        Assert.Equal(30, MinutesUntilClose.Of(hours, Shanghai(4, 28, 15, 30)));
    }

    [Fact]
    public void Minutes_until_close_past_midnight()
    {
        var hours = OpeningHours.Parse("周一 20:00-次日02:00");
        Assert.Equal(180, MinutesUntilClose.Of(hours, Shanghai(4, 25, 23, 0))); // Mon 23:00 → Tue 02:00
        Assert.Equal(60, MinutesUntilClose.Of(hours, Shanghai(4, 26, 1, 0))); // Tue 01:00
    }

    [Fact]
    public void Minutes_until_close_follows_an_opening_that_starts_when_this_one_ends()
    {
        var hours = OpeningHours.Parse("周一 20:00-24:00；周二 0:00-2:00");
        Assert.Equal(180, MinutesUntilClose.Of(hours, Shanghai(4, 25, 23, 0)));
    }

    [Fact]
    public void Minutes_until_close_of_merged_touching_ranges() =>
        Assert.Equal(300, MinutesUntilClose.Of(OpeningHours.Parse("周一至周日 14:00-17:00 17:00-21:00"), Shanghai(4, 28, 16, 0)));

    [Fact]
    public void The_openings_of_a_date_include_last_nights_that_run_past_midnight()
    {
        var hours = OpeningHours.Parse("周六 22:00-06:00；周日 8:00-11:00");

        var sunday = hours.OpeningsOn(new DateOnly(2022, 5, 1));
        Assert.Equal(["Sat 22:00-06:00(+1)", "Sun 08:00-11:00"], sunday.Select(i => i.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(["Sat 22:00-06:00(+1)"], hours.OpeningsOn(new DateOnly(2022, 4, 30)).Select(i => i.ToString()));
        Assert.Empty(hours.OpeningsOn(new DateOnly(2022, 5, 2)));
        Assert.Empty(OpeningHours.Parse("看情况").OpeningsOn(new DateOnly(2022, 5, 1)));
    }
}
