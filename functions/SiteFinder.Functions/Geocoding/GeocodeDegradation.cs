namespace SiteFinder.Functions.Geocoding;

/// <summary>Why an answer has no candidates from the remote, with a short detail for logs and operators (never the key or token).</summary>
public sealed record GeocodeDegradation(GeocodeDegradedReason Reason, string Detail);
