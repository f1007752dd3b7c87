using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SiteFinder.Domain.Status;

/// <summary>The levels staff may report; congested, noData and closed are the finder's to derive.</summary>
public enum ReportableLevel
{
    Idle = BusyLevel.Idle,
    Normal = BusyLevel.Normal,
    Busy = BusyLevel.Busy,
    Paused = BusyLevel.Paused,
}

/// <summary>
/// What a staff member's tap says: a level, or a queue length with the windows open. A client report
/// id makes a retried tap the same report; it is scoped to the reporter, so two devices may both count from 1.
/// </summary>
public sealed record StaffReportInput(ReportableLevel? Level, int? QueueLength, int? OpenWindows, string? ClientReportId)
{
    public const int MaxQueueLength = 10_000;
    public const int MaxOpenWindows = 100;
    public const int MaxClientReportIdLength = 64;

    /// <summary>1 to 64 ASCII letters, digits, '-' or '_': safe in a key and in a log line.</summary>
    public static bool IsWellFormedClientReportId(string id) =>
        id is { Length: > 0 and <= MaxClientReportIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>A level by its name, in any case; null for anything else (Enum.TryParse would also take "1" or "idle,busy").</summary>
    public static ReportableLevel? ParseLevel(string text) =>
        Enum.GetNames<ReportableLevel>().FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name ? Enum.Parse<ReportableLevel>(name) : null;

    /// <summary>The field to blame and why, when the fields do not make one report; null when they do.</summary>
    public (string Field, string Message)? Problem() => this switch
    {
        { Level: not null, QueueLength: not null } or { Level: not null, OpenWindows: not null } => ("level", "give either a level or queueLength with openWindows, not both"),
        { Level: null, QueueLength: null } => ("queueLength", "required unless a level is given"),
        { Level: null, OpenWindows: null } => ("openWindows", "required with queueLength"),
        _ => null,
    };

    /// <summary>The report as stored, under the source its token was issued for. Call only when <see cref="Problem"/> is null.</summary>
    public StatusReport ToReport(string siteId, string reporter, DateTimeOffset receivedAt, string source = StatusSources.Staff)
    {
        if (Problem() is { } problem)
            throw new InvalidOperationException($"Not a report: {problem.Field} {problem.Message}");
        return new StatusReport
        {
            SiteId = siteId,
            ReportId = ReportIdFor(siteId, reporter, ClientReportId),
            ReceivedAt = receivedAt,
            Source = source,
            Reporter = reporter,
            Level = Level is { } level ? (BusyLevel)level : null,
            QueueLength = QueueLength,
            OpenWindows = OpenWindows,
        };
    }

    /// <summary>
    /// What a report says, as one text: two taps carrying one client report id are the same report
    /// (a retry, answered as a quiet duplicate) only when this is equal. Otherwise the client reused an
    /// id for a new report, which would be dropped silently: that is a conflict the client must hear of.
    /// Time, reporter and id are left out, since a retry differs in its time and shares the rest.
    /// </summary>
    public static string BodyOf(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return string.Create(CultureInfo.InvariantCulture, $"level={report.Level?.ToString().ToLowerInvariant()};queueLength={report.QueueLength};openWindows={report.OpenWindows}");
    }

    /// <summary>Whether a report carrying an already used client report id is a retry of the stored one.</summary>
    public static bool IsRetryOf(StatusReport report, StatusReport stored) => BodyOf(report) == BodyOf(stored);

    /// <summary>How a conflicting reuse of a client report id is explained to the client.</summary>
    public static string ReusedIdMessage(string clientReportId, StatusReport? earlier)
    {
        var said = earlier switch
        {
            null => string.Empty,
            { Level: { } level } => string.Create(CultureInfo.InvariantCulture, $" (level {level.ToString().ToLowerInvariant()}, received {earlier.ReceivedAt:u})"),
            _ => string.Create(CultureInfo.InvariantCulture, $" (queueLength {earlier.QueueLength} with openWindows {earlier.OpenWindows}, received {earlier.ReceivedAt:u})"),
        };
        return $"clientReportId '{clientReportId}' was already used for another report{said}; a new report needs a new clientReportId. This one was not stored.";
    }

    /// <summary>
    /// A fresh id for a report without a client id; otherwise one derived from (reporter, client id),
    /// so that a retry lands on the same id and is stored once.
    /// </summary>
    public static string ReportIdFor(string siteId, string reporter, string? clientReportId) =>
        clientReportId is null
            ? $"{siteId}-{Guid.NewGuid():N}"
            : $"{siteId}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{reporter}:{clientReportId}")))[..32]}";
}
