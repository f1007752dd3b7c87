namespace SiteFinder.Functions.OpenData;

/// <summary>The terms the feed is published under, as the collection states them.</summary>
public sealed record OpenDataLicense(string Name, string Url, string Attribution);
