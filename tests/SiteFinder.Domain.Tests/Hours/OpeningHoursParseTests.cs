using SiteFinder.Domain.Hours;
using static SiteFinder.Domain.Tests.Hours.ExpectedHours;

namespace SiteFinder.Domain.Tests.Hours;

public sealed class OpeningHoursParseTests
{
    // ---- empty -------------------------------------------------------------------------------

    [Fact]
    public void Null_is_empty_with_empty_raw()
    {
        var hours = OpeningHours.Parse(null);
        Assert.Equal(HoursParseStatus.Empty, hours.Status);
        Assert.Equal("", hours.Raw);
        Assert.Empty(hours.Intervals);
        Assert.Null(hours.Problem);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" \r\n\t")]
    public void Blank_is_empty_and_keeps_raw(string raw)
    {
        var hours = OpeningHours.Parse(raw);
        Assert.Equal(HoursParseStatus.Empty, hours.Status);
        Assert.Equal(raw, hours.Raw);
        Assert.Empty(hours.Intervals);
    }

    [Fact]
    public void Unknown_is_empty()
    {
        Assert.Equal(HoursParseStatus.Empty, OpeningHours.Unknown.Status);
        Assert.Equal("", OpeningHours.Unknown.Raw);
        Assert.Empty(OpeningHours.Unknown.Intervals);
        Assert.False(OpeningHours.Unknown.Always);
        Assert.False(OpeningHours.Unknown.AlternateWeeks);
    }

    [Fact]
    public void Raw_is_kept_exactly_with_surrounding_white_space()
    {
        const string raw = "\n周一到周日;17:00-20:00\n";
        var hours = AssertParses(raw, "Daily 17:00-20:00");
        Assert.Equal(raw, hours.Raw);
    }

    // ---- times, colons, dashes ---------------------------------------------------------------

    [Fact]
    public void No_day_named_means_every_day() => AssertParses("8:00-12:00", "Daily 08:00-12:00");

    [Fact]
    public void Several_intervals_a_day() =>
        AssertParses("8:00-11:00 14:00-17:00 18:00-21:30", "Daily 08:00-11:00 14:00-17:00 18:00-21:30");

    [Theory]
    [InlineData("7：00-11：00")]
    [InlineData("7:00-11：00")]
    [InlineData("07:00-11:00")]
    [InlineData("7：00-11:：00")] // doubled colon typo
    [InlineData("7:00-11.00")] // dot for colon
    [InlineData("7:00-11:.00")]
    [InlineData("7；00-11:00")] // semicolon for colon
    [InlineData("7:00-11；00")]
    [InlineData("7点-11点")]
    [InlineData("7点00分-11点")]
    public void Colon_variants_and_typos(string raw) => AssertParses(raw, "Daily 07:00-11:00");

    [Fact]
    public void Half_hour_in_chinese_notation() =>
        AssertParses("7点30分--11点30分", "Daily 07:30-11:30");

    [Theory]
    [InlineData("8:00-11:00")]
    [InlineData("8:00--11:00")]
    [InlineData("8:00—11:00")]
    [InlineData("8:00——11:00")]
    [InlineData("8:00———11:00")]
    [InlineData("8:00－11:00")]
    [InlineData("8:00~11:00")]
    [InlineData("8:00～11:00")]
    [InlineData("8:00至11:00")]
    [InlineData("8:00到11:00")]
    [InlineData("8:00 - 11:00")]
    public void Dash_variants(string raw) => AssertParses(raw, "Daily 08:00-11:00");

    [Theory]
    [InlineData("8:00-11:00;13:00-16:00")]
    [InlineData("8:00-11:00；13:00-16:00")]
    [InlineData("8:00-11:00、13:00-16:00")]
    [InlineData("8:00-11:00，13:00-16:00")]
    [InlineData("8:00-11:00,13:00-16:00")]
    [InlineData("8:00-11:00 13:00-16:00")]
    [InlineData("8:00-11:00     13:00-16:00")]
    [InlineData("8:00-11:00；\n13:00-16:00")]
    [InlineData("8:00-11:00 、 13:00-16:00")]
    public void Separator_variants(string raw) => AssertParses(raw, "Daily 08:00-11:00 13:00-16:00");

    [Theory]
    [InlineData("7:300-9:30", "malformed time '7:300'")]
    [InlineData("8:30-11:3018:00-20:00", "malformed time")]
    [InlineData("25:00-26:00", "malformed time")]
    [InlineData("8:61-9:00", "malformed time")]
    [InlineData("9-11", "malformed time")]
    [InlineData("12:00", "not part of a range")]
    [InlineData("8:00-", "not part of a range")]
    [InlineData("8:00-9:00-10:00", "unexpected '-'")]
    public void Malformed_times_are_unparsed(string raw, string problem) => AssertUnparsed(raw, problem);

    // ---- days ---------------------------------------------------------------------------------

    [Fact]
    public void Weekday_set_with_two_ranges() =>
        AssertParses("周三、周六 8：00-11：30、13：00-18：00", "WeSa 08:00-11:30 13:00-18:00");

    [Theory]
    [InlineData("周一至周日;8:00-9:00", "Daily 08:00-09:00")]
    [InlineData("周一到周五 8:00-9:00", "MoTuWeThFr 08:00-09:00")]
    [InlineData("周一 至 周五 8:00-9:00", "MoTuWeThFr 08:00-09:00")]
    [InlineData("周一------周日;8:00-9:00", "Daily 08:00-09:00")]
    [InlineData("周一至五 8:00-9:00", "MoTuWeThFr 08:00-09:00")]
    [InlineData("周六至周日 8:00-9:00", "SaSu 08:00-09:00")]
    [InlineData("周五至周一 8:00-9:00", "FrSaSuMo 08:00-09:00")] // wraps over the weekend
    [InlineData("星期一 8:00-9:00", "Mo 08:00-09:00")]
    [InlineData("星期天 8:00-9:00", "Su 08:00-09:00")]
    [InlineData("工作日;8:00-9:00", "MoTuWeThFr 08:00-09:00")]
    [InlineData("（工作日）8:00-9:00", "MoTuWeThFr 08:00-09:00")]
    [InlineData("周末 8:00-9:00", "SaSu 08:00-09:00")]
    [InlineData("每天8:00-9:00", "Daily 08:00-09:00")]
    [InlineData("每日;8:00-9:00", "Daily 08:00-09:00")]
    [InlineData("周一、三、五 8:00-9:00", "MoWeFr 08:00-09:00")]
    [InlineData("周一、三、五、日：8：00-9：30", "MoWeFrSu 08:00-09:30")]
    [InlineData("每周一三五 ;8:00-9:00", "MoWeFr 08:00-09:00")]
    [InlineData("每周二、周四、周五、周日 8:00-9:00", "TuThFrSu 08:00-09:00")]
    [InlineData("周一至周日：13：30-15：30", "Daily 13:30-15:30")]
    public void Day_names_ranges_and_sets(string raw, string expected) => AssertParses(raw, expected);

    [Fact]
    public void Several_day_groups_each_with_their_times() =>
        AssertParses("周一至周五 8:00-17:00；周六 8:00-12:00", "MoTuWeThFr 08:00-17:00 | Sa 08:00-12:00");

    [Fact]
    public void Day_groups_separated_by_enumeration_comma() =>
        AssertParses("周一至周五8：00-11：00、12：30-14：00、周六、周日8：00-11：00", "MoTuWeThFr 08:00-11:00 12:30-14:00 | SaSu 08:00-11:00");

    [Fact]
    public void Times_in_parentheses_after_days() =>
        AssertParses("周一至周五（上午8:00-11:00下午13:00-16:00）；周六至周日（上午8:00-11:00）", "MoTuWeThFr 08:00-11:00 13:00-16:00 | SaSu 08:00-11:00");

    [Fact]
    public void Harmless_words_are_ignored() =>
        AssertParses("每周一、三、五开放 上午8：30———10：30", "MoWeFr 08:30-10:30");

    [Fact]
    public void Open_to_public_prefix_is_ignored() => AssertParses("对外 16:00-20:00", "Daily 16:00-20:00");

    [Theory]
    [InlineData("周一至周五", "days without times")]
    [InlineData("8:00-11:00 周六", "days without times")]
    [InlineData("8:00-11:00；周六 9:00-10:00", "times without days")]
    [InlineData("周", "unrecognised text '周'")]
    public void Day_structure_errors_are_unparsed(string raw, string problem) => AssertUnparsed(raw, problem);

    // ---- parts of the day --------------------------------------------------------------------

    [Theory]
    [InlineData("下午3:00-5:00", "Daily 15:00-17:00")]
    [InlineData("下午13:00-16:00", "Daily 13:00-16:00")]
    [InlineData("下午:13:30-15:30", "Daily 13:30-15:30")]
    [InlineData("下午12:30-4:00", "Daily 12:30-16:00")]
    [InlineData("上午8:30-11:30；下午1:30-4:30", "Daily 08:30-11:30 13:30-16:30")]
    [InlineData("上午:8:00-11:00", "Daily 08:00-11:00")]
    [InlineData("上午9:00至12:30", "Daily 09:00-12:30")]
    [InlineData("中午12:00-1:30", "Daily 12:00-13:30")]
    [InlineData("晚上7:00-10:00", "Daily 19:00-22:00")]
    [InlineData("晚上8:00-12:00", "Daily 20:00-24:00")]
    [InlineData("晚上10:00-2:00", "Daily 22:00-+02:00")]
    [InlineData("上午8：30到10：30下午2：00到4：00", "Daily 08:30-10:30 14:00-16:00")]
    [InlineData("下午13点-15点", "Daily 13:00-15:00")]
    public void Parts_of_the_day(string raw, string expected) => AssertParses(raw, expected);

    [Fact]
    public void Part_of_day_carries_on_to_later_ranges_of_the_group() =>
        AssertParses("下午1:00-2:00 3:00-4:00", "Daily 13:00-14:00 15:00-16:00");

    [Fact]
    public void Part_of_day_does_not_carry_into_the_next_day_group() =>
        AssertParses("周一下午1:00-2:00；周二 8:00-9:00", "Mo 13:00-14:00 | Tu 08:00-09:00");

    [Fact]
    public void Morning_does_not_resolve_an_ambiguous_wrap() => AssertUnparsed("上午8:00-11:00 14:00-5:00", "ambiguous end time");

    [Fact]
    public void Dangling_part_of_day_is_unparsed() => AssertUnparsed("8:00-11:00 下午", "not followed by a time");

    // ---- round the clock, after midnight ------------------------------------------------------

    [Theory]
    [InlineData("24小时")]
    [InlineData("周一至周日；24小时")]
    [InlineData("全天24小时常年不停")]
    [InlineData("全天")]
    [InlineData("周一至周日;8:00-8:00")]
    [InlineData("每日;00:00-00:00")]
    [InlineData("0:00-24:00")]
    [InlineData("周一至周日;8:00-次日8：00")]
    public void Round_the_clock(string raw)
    {
        var hours = AssertParses(raw, "Daily 00:00-24:00");
        Assert.True(hours.Always);
        Assert.False(hours.AlternateWeeks);
    }

    [Fact]
    public void Round_the_clock_on_some_days_only_is_not_always()
    {
        var hours = AssertParses("周一至周五 24小时", "MoTuWeThFr 00:00-24:00");
        Assert.False(hours.Always);
    }

    [Fact]
    public void Next_day_closing_spills_past_midnight()
    {
        var hours = AssertParses("周一 20:00-次日02:00", "Mo 20:00-+02:00");
        Assert.Equal(new WeeklyInterval(DayOfWeek.Monday, 1200, 1560), Assert.Single(hours.Intervals));
    }

    [Fact]
    public void Wrap_around_closes_next_day() =>
        Assert.Equal(new WeeklyInterval(DayOfWeek.Saturday, 1320, 1800), Assert.Single(AssertParses("周六 22:00-06:00", "Sa 22:00-+06:00").Intervals));

    [Theory]
    [InlineData("周一至周日;8:00－11:00 14:00－5:00", "ambiguous end time in '14:00-5:00'")]
    [InlineData("周一至周日16：30-8：00", "ambiguous end time")]
    public void Wrap_around_that_could_be_a_12_hour_clock_is_unparsed(string raw, string problem) => AssertUnparsed(raw, problem);

    [Fact]
    public void Explicit_next_day_resolves_the_ambiguity() =>
        AssertParses("16:30-次日8:00", "Daily 16:30-+08:00");

    [Fact]
    public void Round_the_clock_mixed_with_ranges_is_unparsed() => AssertUnparsed("24小时 8:00-17:00", "mixed with time ranges");

    // ---- alternate weeks -------------------------------------------------------------------

    [Fact]
    public void Alternate_weeks_mark_the_days_after_them()
    {
        var hours = AssertParses("周一、周三、周五、周日、隔周 周二、周四、周六8：00-11：00", "MoWeFrSu 08:00-11:00 | TuThSa~ 08:00-11:00");
        Assert.True(hours.AlternateWeeks);
        Assert.False(hours.Always);
    }

    [Fact]
    public void Alternate_weeks_without_days_apply_every_day()
    {
        var hours = AssertParses("隔周 8:00-11:00", "Daily~ 08:00-11:00");
        Assert.True(hours.AlternateWeeks);
    }

    [Fact]
    public void Weekly_hours_have_no_alternate_weeks() => Assert.False(OpeningHours.Parse("周三、周六8：00-11：00").AlternateWeeks);

    // ---- odd and even dates -------------------------------------------------------------------

    [Theory]
    [InlineData("单号;9:00-17:00", "Daily:odd 09:00-17:00")]
    [InlineData("双号;9:00-17:00", "Daily:even 09:00-17:00")]
    [InlineData("单数日;16:00-20:00", "Daily:odd 16:00-20:00")]
    [InlineData("双数 8:00-9:00", "Daily:even 08:00-09:00")]
    [InlineData("单日 8:00-9:00", "Daily:odd 08:00-09:00")]
    [InlineData("每逢双日 8：00-11：30、13：00-16：00", "Daily:even 08:00-11:30 13:00-16:00")]
    [InlineData("每逢双日检 8：00-11：30", "Daily:even 08:00-11:30")]
    [InlineData("逢单日采样 8:00-9:00", "Daily:odd 08:00-09:00")]
    [InlineData("每月单号;下午13点到15点", "Daily:odd 13:00-15:00")]
    [InlineData("单号上午9:00-10:30", "Daily:odd 09:00-10:30")]
    [InlineData("单号上午7:30-11：30；双号下午15:30-19:30", "Daily:odd 07:30-11:30 | Daily:even 15:30-19:30")]
    [InlineData("双号上午7:30-11：30；单号下午15:30-19:30", "Daily:even 07:30-11:30 | Daily:odd 15:30-19:30")]
    [InlineData("（按日期）双号日7点30分--11点30分；单号日不设", "Daily:even 07:30-11:30")]
    [InlineData("（按日期）单号日7点30分--11点30分；双号日15点30分--19点30分", "Daily:odd 07:30-11:30 | Daily:even 15:30-19:30")]
    [InlineData("周一至周五 单号 8:00-9:00", "MoTuWeThFr:odd 08:00-09:00")]
    [InlineData("单号 周六 8:00-9:00；周日 10:00-11:00", "Sa:odd 08:00-09:00 | Su 10:00-11:00")]
    [InlineData("双日 20:00-次日02:00", "Daily:even 20:00-+02:00")]
    [InlineData("单号 24小时", "Daily:odd 00:00-24:00")]
    public void Odd_and_even_dates(string raw, string expected)
    {
        var hours = AssertParses(raw, expected);
        Assert.True(hours.OddEvenDates);
        Assert.False(hours.Always);
        Assert.False(hours.AlternateWeeks);
    }

    [Fact]
    public void Weekly_hours_have_no_odd_even_dates() => Assert.False(OpeningHours.Parse("周三、周六8：00-11：00").OddEvenDates);

    [Fact]
    public void Odd_date_intervals_say_so() =>
        Assert.Equal("Sun 09:00-17:00 (odd dates)", OpeningHours.Parse("单号;9:00-17:00").Intervals[0].ToString());

    [Fact]
    public void Odd_and_even_openings_of_one_day_are_not_merged() =>
        AssertParses("单号 8:00-12:00；双号 10:00-14:00", "Daily:odd 08:00-12:00 | Daily:even 10:00-14:00");

    [Theory]
    [InlineData("双号半天;", "half-day schedule")]
    [InlineData("单号双号 8:00-9:00", "both odd and even dates before '双号'")]
    [InlineData("单号", "days without times")]
    [InlineData("单号日不设", "no times")]
    [InlineData("不设", "'不设' without days or dates")]
    [InlineData("单号 8:00-11:00 不设", "'不设' mixed with times")]
    [InlineData("单号 不设 8:00-11:00", "mixed with '不设'")]
    [InlineData("（按日期）8:00-11:00", "'按日期' without odd or even dates")]
    [InlineData("8:00-11:00；单号 13:00-15:00", "times without days next to times with days")]
    [InlineData("单号上午；双号 8:00-9:00", "'上午' not followed by a time")]
    public void Odd_and_even_date_errors_are_unparsed(string raw, string problem) => AssertUnparsed(raw, problem);

    // ---- qualifiers that leave the schedule intact ---------------------------------------------

    [Theory]
    [InlineData("7:30-11:30;15:30-19:30（除节假日外）", "Daily 07:30-11:30 15:30-19:30", HoursQualifier.PublicHolidayExceptions)]
    [InlineData("周一至周五9：00-11：00（节假日除外）", "MoTuWeThFr 09:00-11:00", HoursQualifier.PublicHolidayExceptions)]
    [InlineData("周一至周日 7：50-11：30（法定节假日另行通知）", "Daily 07:50-11:30", HoursQualifier.PublicHolidayExceptions)]
    [InlineData("周一至周五 8:00-9:00 法定节假日除外", "MoTuWeThFr 08:00-09:00", HoursQualifier.PublicHolidayExceptions)]
    [InlineData("周一至周日8：00-17：00(预约检测）", "Daily 08:00-17:00", HoursQualifier.AppointmentOnly)]
    [InlineData("预约 8:00-9:00", "Daily 08:00-09:00", HoursQualifier.AppointmentOnly)]
    [InlineData("周一至周日7：30-11：30 13：00-17：00 17：00-21：00（临时）", "Daily 07:30-11:30 13:00-21:00", HoursQualifier.Temporary)]
    [InlineData("周一至周日（限号）8：00-11：00、13：00-15：00", "Daily 08:00-11:00 13:00-15:00", HoursQualifier.RestrictedAccess)]
    [InlineData("周一至周日6：00-22：00（根据列车时刻动态调整）", "Daily 06:00-22:00", HoursQualifier.TimetableDependent)]
    [InlineData("周一至周日4：30-8：30，16：30-19：30（根据航班调整检测时间）", "Daily 04:30-08:30 16:30-19:30", HoursQualifier.TimetableDependent)]
    [InlineData("单号 8:00-9:00（预约）", "Daily:odd 08:00-09:00", HoursQualifier.AppointmentOnly)]
    public void A_qualifier_keeps_the_schedule_and_is_listed(string raw, string expected, HoursQualifier qualifier)
    {
        var hours = AssertParses(raw, expected);
        Assert.Equal([qualifier], hours.Qualifiers);
    }

    [Fact]
    public void Round_the_clock_with_a_qualifier_is_always_open()
    {
        var hours = AssertParses("周一至周日24小时（重点人群除外）", "Daily 00:00-24:00");
        Assert.True(hours.Always);
        Assert.Equal([HoursQualifier.RestrictedAccess], hours.Qualifiers);
        Assert.Equal("always open (RestrictedAccess)", hours.ToString());
    }

    [Fact]
    public void Qualifiers_are_distinct_and_in_enum_order() =>
        Assert.Equal(
            [HoursQualifier.PublicHolidayExceptions, HoursQualifier.AppointmentOnly, HoursQualifier.Temporary],
            AssertParses("临时 8:00-11:00（预约检测，临时，节假日除外）", "Daily 08:00-11:00").Qualifiers);

    [Theory]
    [InlineData("8:00-11:00", "Daily 08:00-11:00")]
    [InlineData("单号;9:00-17:00", "Daily:odd 09:00-17:00")]
    [InlineData("24小时", "Daily 00:00-24:00")]
    public void Plain_hours_have_no_qualifiers(string raw, string expected) => Assert.Empty(AssertParses(raw, expected).Qualifiers);

    [Theory]
    [InlineData("（临时）", "no times")]
    [InlineData("隔天 8:00-9:00（临时）", "every other day")]
    [InlineData("周一至周五（节假日除外）", "days without times")]
    public void A_qualifier_without_a_readable_schedule_is_unparsed_and_not_listed(string raw, string problem) =>
        Assert.Empty(AssertUnparsed(raw, problem).Qualifiers);

    [Fact]
    public void Empty_and_unknown_hours_have_no_qualifiers()
    {
        Assert.Empty(OpeningHours.Unknown.Qualifiers);
        Assert.Empty(OpeningHours.Parse("  ").Qualifiers);
    }

    // ---- every other day ------------------------------------------------------------------------

    [Theory]
    [InlineData("隔天7:00-11:00", "every other day (隔天) without a start date")]
    [InlineData("隔天采样;9:00-12:00  14:00-17:00", "every other day (隔天) without a start date")]
    [InlineData("7:30-11:30;15:30-19:30两天一次", "every other day (两天一次) without a start date")]
    public void Every_other_day_is_unparsed_for_want_of_a_start_date(string raw, string problem) => AssertUnparsed(raw, problem);

    // ---- merging and order ---------------------------------------------------------------------

    [Fact]
    public void Touching_ranges_merge() =>
        AssertParses("周一至周日;6：00-9:00 14:00-17:00 17:00-21:00", "Daily 06:00-09:00 14:00-21:00");

    [Fact]
    public void Overlapping_groups_merge() =>
        AssertParses("周一至周日 8:00-12:00；周六 10:00-14:00", "SuMoTuWeThFr 08:00-12:00 | Sa 08:00-14:00");

    [Fact]
    public void Repeated_day_list_is_a_union() =>
        AssertParses("周一、周三、周五、周日；周一、周三、周五、周日9:00-16:00；", "MoWeFrSu 09:00-16:00");

    [Fact]
    public void Overlapping_ranges_in_one_group_contradict_and_are_unparsed() =>
        AssertUnparsed("7：30--9：30；8：00--21：00", "overlapping ranges");

    [Fact]
    public void Intervals_are_sorted_by_day_then_start()
    {
        var hours = OpeningHours.Parse("周六 13:00-15:00；周一 15:00-16:00 8:00-9:00；周日 7:00-8:00");
        Assert.Equal(
            [
                new WeeklyInterval(DayOfWeek.Sunday, 420, 480),
                new WeeklyInterval(DayOfWeek.Monday, 480, 540),
                new WeeklyInterval(DayOfWeek.Monday, 900, 960),
                new WeeklyInterval(DayOfWeek.Saturday, 780, 900),
            ],
            hours.Intervals);
    }

    // ---- remarks and things that cannot be represented -------------------------------------------

    [Theory]
    [InlineData("24小时（发热门诊24小时）", "fever clinic")]
    [InlineData("8:00-11:00（节假日照常）", "holiday exception: '（节假日照常）'")]
    [InlineData("8:00-11:00（无需预约）", "appointment remark: '（无需预约）'")]
    [InlineData("8:00-11:00（根据疫情调整）", "hours subject to adjustment: '（根据疫情调整）'")]
    [InlineData("8:00-11:00（限时）", "unrecognised remark '（限时）'")]
    [InlineData("周三、周六（以村通知为准）", "subject to notice")]
    [InlineData("自11月16日开始每逢双日检 8：00-11：30", "start-date remark: '自11月16日开始每逢双日检'")]
    [InlineData("双号半天;9:00-17:00", "half-day schedule: '半天'")]
    [InlineData("流动采样点", "mobile site")]
    [InlineData("周一至周日;7:00-15:00；15:00-23:00\n本周五起开放", "start-date remark")]
    [InlineData("周一至周日;8：00-11：00? 13：30-16：30", "unrecognised text '?'")]
    [InlineData("8:00-11:00（备注）", "unrecognised remark '（备注）'")]
    [InlineData("8:00-11:00（", "unclosed parenthesis")]
    [InlineData("open 8:00-11:00", "unrecognised text 'open'")]
    public void Unrepresentable_text_is_unparsed_with_a_reason(string raw, string problem) => AssertUnparsed(raw, problem);
}
