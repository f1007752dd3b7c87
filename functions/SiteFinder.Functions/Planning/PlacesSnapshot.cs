using SiteFinder.Domain.Planning;

namespace SiteFinder.Functions.Planning;

/// <summary>The published residential places, in the order they were uploaded (the reader's order), so that the same file publishes the same document.</summary>
public sealed record PlacesSnapshot(IReadOnlyList<ResidentialPlace> Places)
{
    public static PlacesSnapshot Empty { get; } = new([]);
}
