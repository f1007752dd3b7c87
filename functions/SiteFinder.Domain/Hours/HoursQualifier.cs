namespace SiteFinder.Domain.Hours;

/// <summary>
/// A remark that leaves the written schedule intact but says who may come or when it may not hold. Only
/// qualifiers whose words appear in the text are listed; they qualify the text as a whole (which group of days
/// a remark was next to is not kept). <see cref="OpeningHours.IsOpenAt"/> answers from the schedule regardless.
/// </summary>
public enum HoursQualifier
{
    /// <summary>
    /// 除节假日外, 节假日除外, 法定节假日另行通知: the schedule holds on working days; on a public holiday the hours
    /// are unknown. No holiday calendar is kept, so open-now answers as on a working day and this qualifier warns.
    /// </summary>
    PublicHolidayExceptions,

    /// <summary>预约, 预约检测: by appointment only.</summary>
    AppointmentOnly,

    /// <summary>临时: a temporary session; when it ends is not written.</summary>
    Temporary,

    /// <summary>重点人群除外 (some groups are sent elsewhere), 限号 (a limited number of places): not open to everyone who comes.</summary>
    RestrictedAccess,

    /// <summary>根据航班调整, 根据列车时刻动态调整: the times move with flight or train timetables.</summary>
    TimetableDependent,
}
