namespace SiteFinder.Domain.Hours;

internal enum TokenKind
{
    /// <summary>; ； 、 ， , white space, line breaks, a colon that is not part of a time.</summary>
    Separator,

    /// <summary>- — —— － ~ ～ 至 到: joins two days or two times.</summary>
    Dash,

    /// <summary>A clock time; Value = minutes after midnight as written (before 上午/下午).</summary>
    Time,

    /// <summary>One weekday; Value = (int)DayOfWeek.</summary>
    Day,

    /// <summary>A fixed set of days (每天, 工作日, 周末); Value = bit mask over DayOfWeek.</summary>
    DaySet,

    /// <summary>上午/下午/...; Value = (int)DayPeriod.</summary>
    Period,

    /// <summary>24小时 / 全天: round the clock on the days of its group.</summary>
    AllDay,

    /// <summary>隔周: the following days only every other week.</summary>
    Alternate,

    /// <summary>次日: the following time is on the next day.</summary>
    NextDay,

    /// <summary>单号/双号 and the like: the group holds on odd or even dates only; Value = (int)DateParity.</summary>
    Parity,

    /// <summary>按日期 ("by date"): announces odd/even dates, which must then follow.</summary>
    ByDate,

    /// <summary>不设 ("none held"): the group's days or dates have no opening, as in 单号日不设.</summary>
    Closed,

    /// <summary>A remark that leaves the schedule intact (预约检测, 临时, 节假日除外); Value = (int)HoursQualifier.</summary>
    Qualifier,

    /// <summary>Words that add nothing to the schedule (对外, 开放, 常年不停, 采样).</summary>
    Harmless,
}

internal enum DayPeriod
{
    Morning,
    Noon,
    Afternoon,
    Evening,
}

internal readonly record struct Token(TokenKind Kind, int Value, string Text);

/// <summary>Splits an opening-hours text into tokens; anything it cannot place is reported, never skipped.</summary>
internal static class HoursTokenizer
{
    internal const int AllDaysMask = 0b111_1111;
    internal const int WorkdaysMask = 0b011_1110;
    internal const int WeekendMask = 0b100_0001;

    private const string DashChars = "-—－~～–―‐−";
    private const string ColonChars = ":：.．";
    private const string SemicolonChars = ";；";
    private const string SeparatorChars = ";；、，,:：";
    private const string OpenParens = "(（";
    private const string CloseParens = ")）";
    private const string Numerals = "一二三四五六日天七";

    private static readonly (string Word, TokenKind Kind, int Value)[] Words =
    [
        ("周末", TokenKind.DaySet, WeekendMask),
        ("工作日", TokenKind.DaySet, WorkdaysMask),
        ("每天", TokenKind.DaySet, AllDaysMask),
        ("每日", TokenKind.DaySet, AllDaysMask),
        ("天天", TokenKind.DaySet, AllDaysMask),
        ("全天", TokenKind.AllDay, 0),
        ("隔周", TokenKind.Alternate, 0),
        ("次日", TokenKind.NextDay, 0),
        ("翌日", TokenKind.NextDay, 0),
        ("上午", TokenKind.Period, (int)DayPeriod.Morning),
        ("早上", TokenKind.Period, (int)DayPeriod.Morning),
        ("早晨", TokenKind.Period, (int)DayPeriod.Morning),
        ("凌晨", TokenKind.Period, (int)DayPeriod.Morning),
        ("中午", TokenKind.Period, (int)DayPeriod.Noon),
        ("下午", TokenKind.Period, (int)DayPeriod.Afternoon),
        ("晚上", TokenKind.Period, (int)DayPeriod.Evening),
        ("傍晚", TokenKind.Period, (int)DayPeriod.Evening),
        ("对外", TokenKind.Harmless, 0),
        ("开放", TokenKind.Harmless, 0),
        ("常年不停", TokenKind.Harmless, 0),
        ("全年无休", TokenKind.Harmless, 0),
        ("检测", TokenKind.Harmless, 0),
        ("采样", TokenKind.Harmless, 0),
        ("检", TokenKind.Harmless, 0),
        ("按日期", TokenKind.ByDate, 0),
        ("不设", TokenKind.Closed, 0),

        // Whole phrases only, so that a remark that says more (节假日休息, 根据疫情调整) is still refused.
        ("除节假日外", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("除法定节假日外", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("节假日除外", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("法定节假日除外", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("节假日另行通知", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("法定节假日另行通知", TokenKind.Qualifier, (int)HoursQualifier.PublicHolidayExceptions),
        ("预约", TokenKind.Qualifier, (int)HoursQualifier.AppointmentOnly),
        ("临时", TokenKind.Qualifier, (int)HoursQualifier.Temporary),
        ("重点人群除外", TokenKind.Qualifier, (int)HoursQualifier.RestrictedAccess),
        ("限号", TokenKind.Qualifier, (int)HoursQualifier.RestrictedAccess),
        ("根据航班调整检测时间", TokenKind.Qualifier, (int)HoursQualifier.TimetableDependent),
        ("根据航班调整", TokenKind.Qualifier, (int)HoursQualifier.TimetableDependent),
        ("根据列车时刻动态调整", TokenKind.Qualifier, (int)HoursQualifier.TimetableDependent),
        ("根据列车时刻调整", TokenKind.Qualifier, (int)HoursQualifier.TimetableDependent),
    ];

    private static readonly string[] DayPrefixes = ["每周", "星期", "礼拜", "周"];

    /// <summary>Odd/even dates are written [每月|每逢|逢] 单|双 号日|数日|号|数|日: 单号, 双号日, 单数日, 每逢双日, 每月单号.</summary>
    private static readonly string[] ParityPrefixes = ["每月", "每逢", "逢", ""];

    private static readonly string[] ParitySuffixes = ["号日", "数日", "号", "数", "日"];

    /// <summary>Every other day cannot be told from the text: which day starts the cycle is not written.</summary>
    private static readonly string[] EveryOtherDayWords = ["隔天", "两天一次"];

    /// <summary>Known kinds of text that cannot be represented as weekly hours, with the reason reported.</summary>
    private static readonly (string Keyword, string Reason)[] KnownRemarks =
    [
        ("开始", "start-date remark"),
        ("起开放", "start-date remark"),
        ("单号", "odd/even-date schedule"),
        ("双号", "odd/even-date schedule"),
        ("单数", "odd/even-date schedule"),
        ("双数", "odd/even-date schedule"),
        ("单日", "odd/even-date schedule"),
        ("双日", "odd/even-date schedule"),
        ("日期", "odd/even-date schedule"),
        ("节假日", "holiday exception"),
        ("预约", "appointment remark"),
        ("临时", "temporary session"),
        ("限号", "restricted access (限号)"),
        ("重点人群", "restricted access (some groups excluded)"),
        ("发热门诊", "remark about the fever clinic"),
        ("调整", "hours subject to adjustment"),
        ("通知", "hours subject to notice"),
        ("流动", "mobile site without fixed hours"),
        ("半天", "half-day schedule"),
    ];

    /// <summary>Tokens of <paramref name="text"/>, or null with <paramref name="problem"/> set.</summary>
    public static List<Token>? Tokenize(string text, out string? problem)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || SeparatorChars.Contains(c))
            {
                tokens.Add(new Token(TokenKind.Separator, 0, c.ToString()));
                i++;
                continue;
            }

            if (DashChars.Contains(c) || c is '至' or '到')
            {
                var start = i;
                if (c is '至' or '到')
                    i++;
                else
                    while (i < text.Length && DashChars.Contains(text[i]))
                        i++;
                tokens.Add(new Token(TokenKind.Dash, 0, text[start..i]));
                continue;
            }

            if (IsDigit(c))
            {
                var time = ReadTime(text, ref i, out problem);
                if (time is null)
                    return null;
                tokens.Add(time.Value);
                continue;
            }

            if (OpenParens.Contains(c))
            {
                var close = text.IndexOfAny(CloseParens.ToCharArray(), i + 1);
                if (close < 0)
                {
                    problem = $"unclosed parenthesis in '{text[i..].Trim()}'";
                    return null;
                }

                var inner = text[(i + 1)..close];
                var innerTokens = Tokenize(inner, out var innerProblem);
                if (innerTokens is null || !innerTokens.Exists(t => t.Kind is not TokenKind.Separator))
                {
                    problem = innerProblem is null
                        ? $"empty remark '{text[i..(close + 1)]}'"
                        : Describe(text[i..(close + 1)], innerProblem);
                    return null;
                }

                // A parenthesis holding schedule text, e.g. （工作日） or （上午8:00-11:00）, reads as if unbracketed.
                tokens.Add(new Token(TokenKind.Separator, 0, c.ToString()));
                tokens.AddRange(innerTokens);
                tokens.Add(new Token(TokenKind.Separator, 0, text[close].ToString()));
                i = close + 1;
                continue;
            }

            if (WordAt(text, i, EveryOtherDayWords) is { } everyOtherDay)
            {
                problem = $"every other day ({everyOtherDay}) without a start date";
                return null;
            }

            if (TryReadParity(text, ref i, out var parityToken))
            {
                tokens.Add(parityToken);
                continue;
            }

            if (TryReadDay(text, ref i, tokens, out var dayToken))
            {
                tokens.Add(dayToken);
                continue;
            }

            var matched = false;
            foreach (var (word, kind, value) in Words)
            {
                if (string.CompareOrdinal(text, i, word, 0, word.Length) == 0)
                {
                    tokens.Add(new Token(kind, value, word));
                    i += word.Length;
                    matched = true;
                    break;
                }
            }

            if (matched)
                continue;

            problem = Describe(Fragment(text, i), null);
            return null;
        }

        problem = null;
        return tokens;
    }

    private static string Describe(string fragment, string? innerProblem)
    {
        foreach (var (keyword, reason) in KnownRemarks)
        {
            if (fragment.Contains(keyword, StringComparison.Ordinal))
                return $"{reason}: '{fragment}'";
        }

        return innerProblem is null ? $"unrecognised text '{fragment}'" : $"unrecognised remark '{fragment}' ({innerProblem})";
    }

    /// <summary>The unrecognised run starting at <paramref name="start"/>, up to the next separator.</summary>
    private static string Fragment(string text, int start)
    {
        var end = start;
        while (end < text.Length && !char.IsWhiteSpace(text[end]) && !SeparatorChars.Contains(text[end]) && !OpenParens.Contains(text[end]))
            end++;
        // Leave out a time that directly follows the words: 隔天16:00 reports '隔天'.
        while (end > start + 1 && (IsDigit(text[end - 1]) || ColonChars.Contains(text[end - 1]) || DashChars.Contains(text[end - 1])))
            end--;
        return text[start..Math.Max(end, start + 1)];
    }

    /// <summary>The first of <paramref name="words"/> written at <paramref name="start"/>, or null.</summary>
    private static string? WordAt(string text, int start, string[] words) =>
        Array.Find(words, w => string.CompareOrdinal(text, start, w, 0, w.Length) == 0);

    private static bool TryReadParity(string text, ref int i, out Token token)
    {
        foreach (var prefix in ParityPrefixes)
        {
            var at = i + prefix.Length;
            if (at >= text.Length || string.CompareOrdinal(text, i, prefix, 0, prefix.Length) != 0 || text[at] is not ('单' or '双'))
                continue;

            if (WordAt(text, at + 1, ParitySuffixes) is not { } suffix)
                continue;

            var end = at + 1 + suffix.Length;
            token = new Token(TokenKind.Parity, (int)(text[at] == '单' ? DateParity.Odd : DateParity.Even), text[i..end]);
            i = end;
            return true;
        }

        token = default;
        return false;
    }

    private static bool TryReadDay(string text, ref int i, List<Token> tokens, out Token token)
    {
        foreach (var prefix in DayPrefixes)
        {
            var after = i + prefix.Length;
            if (after < text.Length
                && string.CompareOrdinal(text, i, prefix, 0, prefix.Length) == 0
                && Numerals.Contains(text[after]))
            {
                token = new Token(TokenKind.Day, (int)DayOf(text[after]), text[i..(after + 1)]);
                i = after + 1;
                return true;
            }
        }

        // A bare numeral continues a list or range of days: 周一、三、五 / 每周一三五 / 周一至五.
        if (Numerals.Contains(text[i]) && InDayContext(tokens))
        {
            token = new Token(TokenKind.Day, (int)DayOf(text[i]), text[i].ToString());
            i++;
            return true;
        }

        token = default;
        return false;
    }

    private static bool InDayContext(List<Token> tokens)
    {
        var significant = tokens.Where(t => t.Kind != TokenKind.Separator || t.Text is "、" or "," or "，").ToList();
        if (significant.Count == 0)
            return false;
        var last = significant[^1];
        if (last.Kind == TokenKind.Day)
            return true;
        return significant.Count >= 2
            && last.Kind is TokenKind.Dash or TokenKind.Separator
            && significant[^2].Kind == TokenKind.Day;
    }

    private static DayOfWeek DayOf(char numeral) => numeral switch
    {
        '一' => DayOfWeek.Monday,
        '二' => DayOfWeek.Tuesday,
        '三' => DayOfWeek.Wednesday,
        '四' => DayOfWeek.Thursday,
        '五' => DayOfWeek.Friday,
        '六' => DayOfWeek.Saturday,
        _ => DayOfWeek.Sunday,
    };

    private static bool IsDigit(char c) => c is (>= '0' and <= '9') or (>= '０' and <= '９');

    private static int DigitValue(char c) => c <= '9' ? c - '0' : c - '０';

    private static int ReadNumber(string text, ref int i, out int count)
    {
        var value = 0;
        count = 0;
        while (i < text.Length && IsDigit(text[i]))
        {
            value = (value * 10) + DigitValue(text[i]);
            count++;
            i++;
        }

        return value;
    }

    private static Token? ReadTime(string text, ref int i, out string? problem)
    {
        var start = i;
        var hour = ReadNumber(text, ref i, out var hourDigits);

        if (string.CompareOrdinal(text, i, "小时", 0, 2) == 0)
        {
            i += 2;
            if (hour == 24)
            {
                problem = null;
                return new Token(TokenKind.AllDay, 0, text[start..i]);
            }

            problem = $"unrecognised duration '{text[start..i]}'";
            return null;
        }

        int? minute = null;
        var j = i;
        while (j < text.Length && ColonChars.Contains(text[j]))
            j++;

        if (j > i)
        {
            // 8:00, 7：00, 11:：00 (doubled colon), 10.30, 11:.00
            minute = ReadNumber(text, ref j, out var minuteDigits);
            if (minuteDigits != 2)
                return Malformed(text, start, j, out problem);
            i = j;
        }
        else if (i < text.Length && SemicolonChars.Contains(text[i])
            && i + 2 < text.Length && IsDigit(text[i + 1]) && IsDigit(text[i + 2])
            && (i + 3 == text.Length || !(IsDigit(text[i + 3]) || ColonChars.Contains(text[i + 3]))))
        {
            // Typo 17；00 for 17:00: a semicolon followed by exactly two digits that are not an hour of their own.
            minute = (DigitValue(text[i + 1]) * 10) + DigitValue(text[i + 2]);
            i += 3;
        }
        else if (i < text.Length && text[i] is '点' or '时')
        {
            // 9点, 13点30分, 7点半
            i++;
            if (i < text.Length && text[i] == '半')
            {
                minute = 30;
                i++;
            }
            else if (i < text.Length && IsDigit(text[i]))
            {
                minute = ReadNumber(text, ref i, out var minuteDigits);
                if (minuteDigits > 2)
                    return Malformed(text, start, i, out problem);
                if (i < text.Length && text[i] == '分')
                    i++;
            }
            else
            {
                minute = 0;
            }
        }

        if (hourDigits > 2 || minute is null || minute > 59 || hour > 24 || (hour == 24 && minute != 0))
            return Malformed(text, start, i, out problem);

        problem = null;
        return new Token(TokenKind.Time, (hour * 60) + minute.Value, text[start..i]);
    }

    private static Token? Malformed(string text, int start, int end, out string? problem)
    {
        while (end < text.Length && (IsDigit(text[end]) || ColonChars.Contains(text[end])))
            end++;
        problem = $"malformed time '{text[start..end]}'";
        return null;
    }
}
