namespace SiteFinder.Functions.Http;

/// <summary>How many (site, minute) counts a batch recorded, and how many of its counts a later one for the same minute replaced.</summary>
public sealed record ThroughputAnswer(int Accepted, int ReplacedInBatch);
