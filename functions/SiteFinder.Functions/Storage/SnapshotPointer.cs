namespace SiteFinder.Functions.Storage;

/// <summary>Which snapshot is current: the one small row every instance polls. Partition holds its parts.</summary>
public sealed record SnapshotPointer(long Version, string Partition, int Parts, int Items, string Hash, DateTimeOffset PublishedAt);
