namespace SiteFinder.Functions.Planning;

/// <summary>A computed result with how long computing it took and whether this answer found it already computed.</summary>
public sealed record Timed<T>(T Value, double Milliseconds, bool Cached);
