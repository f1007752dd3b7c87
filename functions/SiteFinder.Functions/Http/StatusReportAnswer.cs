namespace SiteFinder.Functions.Http;

/// <summary>A staff report as stored: its id and time, and whether it was a retry of one already stored (200, not 201).</summary>
public sealed record StatusReportAnswer(string ReportId, DateTimeOffset ReceivedAt, bool Duplicate);
