namespace SiteFinder.Functions.Http;

/// <summary>What a resident gets back for a correction (202): its id, so that a later question can name it, and what was received.</summary>
public sealed record CorrectionReceipt(string Id, string SiteId, string Kind, DateTimeOffset ReceivedAt);
