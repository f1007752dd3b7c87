using SiteFinder.Domain.Hours;
using static SiteFinder.Domain.Tests.Hours.ExpectedHours;

namespace SiteFinder.Domain.Tests.Hours;

/// <summary>Real strings from the Hangzhou (April 2022) and Dalian (November 2022) lists, checked by hand.</summary>
public sealed class RealHoursSampleTests
{
    public static TheoryData<string, string> Parsed => new()
    {
        // Hangzhou
        { "周一至周日;07:30-10:30；13:00-16:00", "Daily 07:30-10:30 13:00-16:00" },
        { "周一至周日;18：00-22：00", "Daily 18:00-22:00" },
        { "周一至周日;7：00-11:：00", "Daily 07:00-11:00" },
        { "周一至周日;14:00-17；00", "Daily 14:00-17:00" },
        { "周一至周日;7；30-10:00；18:00-20:30", "Daily 07:30-10:00 18:00-20:30" },
        { "6:30--9；00；17:30--21:30", "Daily 06:30-09:00 17:30-21:30" },
        { "7：00—11：00 13：00—17：00 18：00—22：00", "Daily 07:00-11:00 13:00-17:00 18:00-22:00" },
        { "\n周一到周日;7:00-9:30；16:00-19:00", "Daily 07:00-09:30 16:00-19:00" },
        { "周一至周日;10:00-11:30；\n16:30-19:00", "Daily 10:00-11:30 16:30-19:00" },
        { "周一至周日;8:00--11.00      14.00---17:00", "Daily 08:00-11:00 14:00-17:00" },
        { "周一至周日;8:30－12:00 13:30－15：:30", "Daily 08:30-12:00 13:30-15:30" },
        { "周一至周日;上午8:30-11:30；下午1:30-4:30", "Daily 08:30-11:30 13:30-16:30" },
        { "周一至周日；上午8：00—11：00  下午12:30-16；00", "Daily 08:00-11:00 12:30-16:00" },
        { "周一至周六；上午8:30至11:.00；下午13:.15至16:00", "MoTuWeThFrSa 08:30-11:00 13:15-16:00" },
        { "周一至周五；上午:8:00-11:00；下午:13:30-15:30", "MoTuWeThFr 08:00-11:00 13:30-15:30" },
        { "周一至周五（上午8:00-11:00下午13:00-16:00）；周六至周日（上午8:00-11:00）", "MoTuWeThFr 08:00-11:00 13:00-16:00 | SaSu 08:00-11:00" },
        { "周一------周日;上午8:00-11:00 下午13:00-16:00", "Daily 08:00-11:00 13:00-16:00" },
        { "周一8:30~11:00；13:30~16:00；周四14:00~16:00", "Mo 08:30-11:00 13:30-16:00 | Th 14:00-16:00" },
        { "周一、三、五;8:30--10:00；16:00-17:30", "MoWeFr 08:30-10:00 16:00-17:30" },
        { "周一、周三、周五、周日；9点-11点", "MoWeFrSu 09:00-11:00" },
        { "周一、周三、周六；下午13点-15点", "MoWeSa 13:00-15:00" },
        { "每周一、三下午13：30—16：00 周五8:30-10:30", "MoWe 13:30-16:00 | Fr 08:30-10:30" },
        { "每周一三五 ;上午8：30到10：30下午2：00到4：00", "MoWeFr 08:30-10:30 14:00-16:00" },
        { "（工作日）9:00-11:30；13：30—16：30", "MoTuWeThFr 09:00-11:30 13:30-16:30" },
        { "工作日;8:30-11:30；\n13:30-16:30", "MoTuWeThFr 08:30-11:30 13:30-16:30" },
        { "对外 9：00-12：00；14：00-17：00", "Daily 09:00-12:00 14:00-17:00" },
        { "每日;13:30-21:00", "Daily 13:30-21:00" },
        { "周一至周日;6：00-9:00 14:00-17:00 17:00-21:00", "Daily 06:00-09:00 14:00-21:00" },
        { "周一至周日;8:00-次日8：00", "Daily 00:00-24:00" },
        { "全天24小时常年不停", "Daily 00:00-24:00" },
        { "周一至周日；24小时", "Daily 00:00-24:00" },
        { "每日;00:00-00:00", "Daily 00:00-24:00" },
        { "单号;9:00-17:00", "Daily:odd 09:00-17:00" },
        { "双号;9:00-17:00", "Daily:even 09:00-17:00" },
        { "单数日;16:00-20:00", "Daily:odd 16:00-20:00" },
        { "每月单号;下午13点到15点", "Daily:odd 13:00-15:00" },
        { "单号上午9:00-10:30", "Daily:odd 09:00-10:30" },
        { "单号上午7:30-11：30；双号下午15:30-19:30", "Daily:odd 07:30-11:30 | Daily:even 15:30-19:30" },
        { "（按日期）双号日7点30分--11点30分；单号日不设", "Daily:even 07:30-11:30" },
        { "（按日期）单号日7点30分--11点30分；双号日15点30分--19点30分", "Daily:odd 07:30-11:30 | Daily:even 15:30-19:30" },

        // Dalian
        { "周三、周六8：00-11：30、13：00-18：00", "WeSa 08:00-11:30 13:00-18:00" },
        { " 周三、周六 8：00-11：30、13：30-18：00", "WeSa 08:00-11:30 13:30-18:00" },
        { "周三、周六8：00-11：00、13：00-16：00        ", "WeSa 08:00-11:00 13:00-16:00" },
        { "周三、周六8：00－10.30、13.30－18.00", "WeSa 08:00-10:30 13:30-18:00" },
        { "周三、周六8：00-11：：00", "WeSa 08:00-11:00" },
        { " 周二、四、五 上午8:30-11:30", "TuThFr 08:30-11:30" },
        { "周一、三、五、日：8：00-9：30", "MoWeFrSu 08:00-09:30" },
        { "每周二、周四、周五、周日 8：00-10：00", "TuThFrSu 08:00-10:00" },
        { "周一、周五13：30-15：00；周三、周六8：00-11：30、13：00-17：00", "MoFr 13:30-15:00 | WeSa 08:00-11:30 13:00-17:00" },
        { "周一至周五 13：00-14：30 ；周六、周日8：00-10：30", "MoTuWeThFr 13:00-14:30 | SaSu 08:00-10:30" },
        { "周一至周五8：00-11：00、12：30-14：00、周六、周日8：00-11：00", "MoTuWeThFr 08:00-11:00 12:30-14:00 | SaSu 08:00-11:00" },
        { "周一至周六8：00-11：00、12：00-16：00  ；周日13：00-16：00", "MoTuWeThFrSa 08:00-11:00 12:00-16:00 | Su 13:00-16:00" },
        { "周三14：00-16：30  周六9：00-10：00", "We 14:00-16:30 | Sa 09:00-10:00" },
        { "周一、周三、周五、周日、隔周 周二、周四、周六8：00-11：00", "MoWeFrSu 08:00-11:00 | TuThSa~ 08:00-11:00" },
        { "周一至周日 7：00－21：00", "Daily 07:00-21:00" },
        { "周一至周日：13：30-15：30", "Daily 13:30-15:30" },
        { "周一至周日 8：30-17：00、", "Daily 08:30-17:00" },
        { "24小时", "Daily 00:00-24:00" },
        { "8：10-11：10", "Daily 08:10-11:10" },
    };

    public static TheoryData<string, string> Unparsed => new()
    {
        { "周一至周日;8:00－11:00 14:00－5:00", "ambiguous end time" },
        { "周一至周日16：30-8：00", "ambiguous end time" },
        { "7：30--9：30；8：00--21：00", "overlapping ranges" },
        { "周一到周日;8:00-11:00；13:00-16:00；8:00-21:00", "overlapping ranges" },
        { "7:300-9:30；18:00-21:00", "malformed time" },
        { "周一至周日;8:30-11:3018:00-20:00", "malformed time" },
        { "双号半天;9:00-17:00", "half-day schedule" },
        { "自11月16日开始每逢双日检 8：00-11：30、13：00-16：00", "start-date remark" },
        { "隔天采样;9:00-12:00  14:00-17:00", "every other day (隔天) without a start date" },
        { "7:30-11:30;15:30-19:30两天一次               ", "every other day (两天一次) without a start date" },
        { "24小时（发热门诊24小时）", "fever clinic" },
        { "周三、周六（以村通知为准）", "subject to notice" },
        { "流动采样点", "mobile site" },
    };

    /// <summary>Real strings whose schedule holds beside a remark: expected intervals and the qualifiers, comma-separated.</summary>
    public static TheoryData<string, string, string> Qualified => new()
    {
        // Hangzhou
        { "9:00-11:30；14:30-17:00（除节假日外）", "Daily 09:00-11:30 14:30-17:00", "PublicHolidayExceptions" },
        { "7:30-11:30;15:30-19:30（除节假日外）", "Daily 07:30-11:30 15:30-19:30", "PublicHolidayExceptions" },

        // Dalian
        { "周一至周五9：00-11：00（节假日除外）", "MoTuWeThFr 09:00-11:00", "PublicHolidayExceptions" },
        { "周一至周日 7：50-11：30、13：00-16：30（法定节假日另行通知）", "Daily 07:50-11:30 13:00-16:30", "PublicHolidayExceptions" },
        { "周一至周日8：00-17：00(预约检测）", "Daily 08:00-17:00", "AppointmentOnly" },
        { "周一至周六8：00-15：30(预约检测）", "MoTuWeThFrSa 08:00-15:30", "AppointmentOnly" },
        { "周一至周日7：30-11：30 13：00-17：00 17：00-21：00（临时）", "Daily 07:30-11:30 13:00-21:00", "Temporary" },
        { "周一至周日24小时（重点人群除外）", "Daily 00:00-24:00", "RestrictedAccess" },
        { "周一至周日（限号）8：00-11：00、13：00-15：00", "Daily 08:00-11:00 13:00-15:00", "RestrictedAccess" },
        { "周一至周日6：00-22：00（根据列车时刻动态调整）", "Daily 06:00-22:00", "TimetableDependent" },
        { "周一至周日4：30-8：30，16：30-19：30（根据航班调整检测时间）", "Daily 04:30-08:30 16:30-19:30", "TimetableDependent" },
    };

    [Theory]
    [MemberData(nameof(Parsed))]
    public void Real_string_parses_to_the_hand_checked_intervals(string raw, string expected) => AssertParses(raw, expected);

    [Theory]
    [MemberData(nameof(Qualified))]
    public void Real_string_with_a_remark_keeps_its_schedule_and_lists_the_qualifier(string raw, string expected, string qualifiers) =>
        Assert.Equal(qualifiers.Split(',').Select(Enum.Parse<HoursQualifier>), AssertParses(raw, expected).Qualifiers);

    [Theory]
    [MemberData(nameof(Unparsed))]
    public void Real_string_that_cannot_be_represented_is_flagged(string raw, string problem) => AssertUnparsed(raw, problem);

    [Fact]
    public void Always_flags_on_real_strings()
    {
        Assert.True(OpeningHours.Parse("周一至周日;8:00-8:00").Always);
        Assert.True(OpeningHours.Parse("全天24小时常年不停").Always);
        Assert.False(OpeningHours.Parse("周一至周日;18：00-22：00").Always);
    }

    [Fact]
    public void Alternate_weeks_flag_on_a_real_string()
    {
        Assert.True(OpeningHours.Parse("周一、周三、周五、周日、隔周 周二、周四、周六8：00-11：00").AlternateWeeks);
        Assert.False(OpeningHours.Parse("周三、周六8：00-11：30、13：00-18：00").AlternateWeeks);
    }
}
