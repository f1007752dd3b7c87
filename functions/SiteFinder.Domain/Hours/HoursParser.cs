namespace SiteFinder.Domain.Hours;

/// <summary>
/// Turns tokens into weekly intervals. Grammar: one or more groups, each a list of days and/or odd or even dates
/// (optional when there is a single group: then every day) followed by one or more time ranges, 24小时, or 不设
/// (none). Anything else fails.
/// </summary>
internal static class HoursParser
{
    private const int Day = WeeklyInterval.MinutesPerDay;

    private sealed class Group
    {
        public List<(DayOfWeek Day, bool Alternate)> Days { get; } = [];

        public List<(int Start, int End)> Ranges { get; } = [];

        public List<string> Texts { get; } = [];

        public DateParity Parity { get; set; }

        public bool AllDay { get; set; }

        /// <summary>不设: the group's days or dates are stated to have no opening.</summary>
        public bool Closed { get; set; }

        public bool HasTimes => AllDay || Closed || Ranges.Count > 0;

        /// <summary>Whether the group says which days it is about (else it is every day).</summary>
        public bool HasScope => Days.Count > 0 || Parity != DateParity.Any;
    }

    /// <summary>The intervals of <paramref name="text"/> and the qualifiers it names, or null with <paramref name="problem"/> set.</summary>
    public static List<WeeklyInterval>? Parse(string text, out IReadOnlyList<HoursQualifier> qualifiers, out string? problem)
    {
        qualifiers = [];
        var tokens = HoursTokenizer.Tokenize(text, out problem);
        if (tokens is null)
            return null;

        var reader = new GroupReader(JoinSpacedRanges(tokens));
        var groups = reader.Read(out problem);
        if (groups is null)
            return null;

        if (groups.Count > 1 && groups.Exists(g => !g.HasScope))
            return Fail(out problem, "times without days next to times with days");
        if (groups.Exists(g => g.Closed && !g.HasScope))
            return Fail(out problem, "'不设' without days or dates");
        if (reader.ByDate && !groups.Exists(g => g.Parity != DateParity.Any))
            return Fail(out problem, "'按日期' without odd or even dates");

        var intervals = Expand(groups, reader.Alternate);
        if (intervals.Count == 0)
            return Fail(out problem, "no times");

        qualifiers = [.. reader.Qualifiers.Order()];
        problem = null;
        return intervals;
    }

    /// <summary>White space around a dash or 次日 does not split a range: "8:00 - 11:00", "周一 至 周五".</summary>
    private static List<Token> JoinSpacedRanges(List<Token> tokens) =>
        [.. tokens.Where((t, k) => !(IsWhiteSpace(t)
            && ((k > 0 && tokens[k - 1].Kind is TokenKind.Dash or TokenKind.NextDay)
                || (k + 1 < tokens.Count && tokens[k + 1].Kind is TokenKind.Dash or TokenKind.NextDay))))];

    /// <summary>Every group's days times its ranges, on its dates; a group without days is every day; 不设 gives none.</summary>
    private static List<WeeklyInterval> Expand(List<Group> groups, bool alternate)
    {
        var intervals = new List<WeeklyInterval>();
        foreach (var group in groups)
        {
            var days = group.Days.Count > 0
                ? group.Days
                : [.. DaysOf(HoursTokenizer.AllDaysMask).Select(d => (d, alternate))];
            var ranges = group.AllDay ? [(0, Day)] : group.Ranges;
            foreach (var (day, alt) in days)
            {
                foreach (var (start, end) in ranges)
                    intervals.Add(new WeeklyInterval(day, start, end) { AlternateWeeks = alt, DateParity = group.Parity });
            }
        }

        return intervals;
    }

    /// <summary>
    /// Reads tokens into groups, left to right. A group ends where days or dates follow times. 隔周 marks the
    /// days after it; 上午/下午 carries on to later ranges of the same group (下午1:00-2:00、3:00-4:00).
    /// </summary>
    private sealed class GroupReader(List<Token> tokens)
    {
        private readonly List<Group> _groups = [];
        private Group? _current;
        private DayPeriod? _period;
        private bool _periodPending; // set but not yet used by a range
        private int _k;

        /// <summary>Whether the last 隔周 seen still applies (to a group without days, it applies to every day).</summary>
        public bool Alternate { get; private set; }

        /// <summary>Whether 按日期 was written: then odd or even dates must be named.</summary>
        public bool ByDate { get; private set; }

        public HashSet<HoursQualifier> Qualifiers { get; } = [];

        public List<Group>? Read(out string? problem)
        {
            problem = null;
            for (_k = 0; _k < tokens.Count && problem is null; _k++)
            {
                var token = tokens[_k];
                problem = token.Kind switch
                {
                    TokenKind.Separator or TokenKind.Harmless => null,
                    TokenKind.Alternate => OnAlternate(),
                    TokenKind.Day or TokenKind.DaySet => OnDays(token),
                    TokenKind.Parity => OnParity(token),
                    TokenKind.ByDate => OnByDate(),
                    TokenKind.Closed => OnClosed(token),
                    TokenKind.Qualifier => OnQualifier(token),
                    TokenKind.Period => OnPeriod(token),
                    TokenKind.AllDay => OnAllDay(token),
                    TokenKind.Time => OnTime(token),
                    _ => $"unexpected '{token.Text}'", // a dash or 次日 outside a range
                };
            }

            problem ??= PendingPeriod() ?? CloseLastGroup();
            return problem is null ? _groups : null;
        }

        private string? OnAlternate()
        {
            if (_current is { HasTimes: true })
            {
                _groups.Add(_current);
                _current = null;
                _period = null;
            }

            Alternate = true;
            return null;
        }

        private string? OnDays(Token token)
        {
            if (StartScope(out var group) is { } problem)
                return problem;

            if (token.Kind == TokenKind.DaySet)
            {
                foreach (var day in DaysOf(token.Value))
                    group.Days.Add((day, Alternate));
            }
            else if (_k + 2 < tokens.Count && tokens[_k + 1].Kind == TokenKind.Dash && tokens[_k + 2].Kind == TokenKind.Day)
            {
                // 周一至周五, 周一------周日, 周六至周日: a range in Monday-first order.
                foreach (var day in Range((DayOfWeek)token.Value, (DayOfWeek)tokens[_k + 2].Value))
                    group.Days.Add((day, Alternate));
                _k += 2;
            }
            else
            {
                group.Days.Add(((DayOfWeek)token.Value, Alternate));
            }

            return null;
        }

        private string? OnParity(Token token)
        {
            if (StartScope(out var group) is { } problem)
                return problem;

            var parity = (DateParity)token.Value;
            if (group.Parity != DateParity.Any && group.Parity != parity)
                return $"both odd and even dates before '{token.Text}'";
            group.Parity = parity;
            return null;
        }

        private string? OnByDate()
        {
            ByDate = true;
            return null;
        }

        private string? OnQualifier(Token token)
        {
            Qualifiers.Add((HoursQualifier)token.Value);
            return null;
        }

        private string? OnClosed(Token token)
        {
            _current ??= new Group();
            if (_current.Ranges.Count > 0 || _current.AllDay)
                return $"'{token.Text}' mixed with times";
            _current.Closed = true;
            return null;
        }

        /// <summary>Days or dates begin a group, or continue one that has no times yet (周一、三 / 单号 周六).</summary>
        private string? StartScope(out Group group)
        {
            if (_current is { HasTimes: true })
            {
                _groups.Add(_current);
                _current = null;
                Alternate = false;
            }

            var problem = PendingPeriod();
            _period = null;
            group = _current ??= new Group();
            return problem;
        }

        private string? OnPeriod(Token token)
        {
            if (PendingPeriod() is { } problem)
                return problem;
            _period = (DayPeriod)token.Value;
            _periodPending = true;
            return null;
        }

        private string? OnAllDay(Token token)
        {
            _current ??= new Group();
            if (_current.Ranges.Count > 0 || _current.Closed)
                return $"'{token.Text}' mixed with time ranges";
            _current.AllDay = true;
            return null;
        }

        private string? OnTime(Token token)
        {
            var nextDay = false;
            var endIndex = _k + 2;
            if (endIndex < tokens.Count && tokens[endIndex].Kind == TokenKind.NextDay)
            {
                nextDay = true;
                endIndex++;
            }

            if (tokens.ElementAtOrDefault(_k + 1).Kind != TokenKind.Dash || endIndex >= tokens.Count || tokens[endIndex].Kind != TokenKind.Time)
                return $"time '{token.Text}' is not part of a range";

            var range = MakeRange(token, tokens[endIndex], nextDay, _period, out var problem);
            if (range is null)
                return problem;

            _current ??= new Group();
            if (_current.AllDay)
                return "round-the-clock text mixed with time ranges";
            if (_current.Closed)
                return $"time '{token.Text}' mixed with '不设'";

            // Ranges of one group that overlap (not merely touch) contradict each other, e.g. 7:30-9:30；8:00-21:00
            // (probably 18:00-21:00): report instead of silently taking the union.
            var clash = _current.Ranges.FindIndex(r => Overlaps(r, range.Value));
            if (clash >= 0)
                return $"overlapping ranges '{_current.Texts[clash]}' and '{RangeText(token, tokens[endIndex], nextDay)}'";
            _current.Texts.Add(RangeText(token, tokens[endIndex], nextDay));
            _current.Ranges.Add(range.Value);
            _periodPending = false;
            _k = endIndex;
            return null;
        }

        private string? PendingPeriod() => _periodPending ? $"'{Describe(_period!.Value)}' not followed by a time" : null;

        private string? CloseLastGroup()
        {
            if (_current is not null)
            {
                if (!_current.HasTimes)
                    return "days without times";
                _groups.Add(_current);
            }

            return _groups.Count == 0 ? "no times" : null;
        }
    }

    private static (int Start, int End)? MakeRange(Token startToken, Token endToken, bool nextDay, DayPeriod? period, out string? problem)
    {
        var text = RangeText(startToken, endToken, nextDay);
        var start = ApplyPeriod(startToken.Value, period, null);
        var written = endToken.Value;
        var end = ApplyPeriod(written, period, start);

        if (start >= Day)
        {
            problem = $"start time out of range in '{text}'";
            return null;
        }

        if (nextDay)
        {
            end += Day;
        }
        else if (end == start)
        {
            // 8:00-8:00, 00:00-00:00: round the clock.
            end = start + Day;
        }
        else if (end < start)
        {
            var hour = written / 60;
            if ((period is null or DayPeriod.Morning) && hour is >= 1 and <= 12 && written + 720 > start && written + 720 <= Day)
            {
                // 14:00-5:00: closing at 05:00 next day, or a 12-hour clock 17:00? Don't guess.
                problem = $"ambiguous end time in '{text}' (next day or {(written + 720) / 60}:{written % 60:00}?)";
                return null;
            }

            end += Day;
        }

        if (end <= start || end > 2 * Day)
        {
            problem = $"invalid range '{text}'";
            return null;
        }

        problem = null;
        return (start, end);
    }

    /// <summary>上午 keeps the hour; 下午/晚上 3:00 is 15:00 but 下午13:00 stays; an end time only moves when that keeps it after the start.</summary>
    private static int ApplyPeriod(int minutes, DayPeriod? period, int? start)
    {
        var hour = minutes / 60;
        var shift = period switch
        {
            DayPeriod.Afternoon or DayPeriod.Evening => hour is >= 1 and <= 11,
            DayPeriod.Noon => hour is >= 1 and <= 10,
            _ => false,
        };

        if (period == DayPeriod.Evening && start is not null && minutes == 720 && start > 720)
            return Day; // 晚上8:00-12:00 closes at midnight

        if (!shift)
            return minutes;

        var shifted = minutes + 720;
        return start is null || shifted > start ? shifted : minutes;
    }

    private static bool IsWhiteSpace(Token token) =>
        token.Kind == TokenKind.Separator && token.Text.All(char.IsWhiteSpace);

    private static string RangeText(Token start, Token end, bool nextDay) => $"{start.Text}-{(nextDay ? "次日" : "")}{end.Text}";

    /// <summary>Whether two ranges of the same days share a minute, also across midnight (ranges are within 0–2880).</summary>
    private static bool Overlaps((int Start, int End) a, (int Start, int End) b)
    {
        for (var shift = -Day; shift <= Day; shift += Day)
        {
            if (a.Start < b.End + shift && b.Start + shift < a.End)
                return true;
        }

        return false;
    }

    private static IEnumerable<DayOfWeek> DaysOf(int mask) =>
        Enumerable.Range(0, 7).Where(d => (mask & (1 << d)) != 0).Select(d => (DayOfWeek)d);

    private static IEnumerable<DayOfWeek> Range(DayOfWeek from, DayOfWeek to)
    {
        var day = from;
        while (true)
        {
            yield return day;
            if (day == to)
                yield break;
            day = (DayOfWeek)(((int)day + 1) % 7);
        }
    }

    private static string Describe(DayPeriod period) => period switch
    {
        DayPeriod.Morning => "上午",
        DayPeriod.Noon => "中午",
        DayPeriod.Afternoon => "下午",
        _ => "晚上",
    };

    private static List<WeeklyInterval>? Fail(out string? problem, string message)
    {
        problem = message;
        return null;
    }
}
