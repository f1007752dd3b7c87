namespace SiteFinder.Functions.Snapshots;

/// <summary>
/// What this instance knows about one published document and the storage behind it, as its refresh
/// loop last saw them. Times are the app clock's. <see cref="LastError"/> is a short kind
/// (<see cref="Storage.StorageErrors"/>, or the exception's type name), never a message that could hold a secret.
/// </summary>
public sealed record SnapshotHealth
{
    public static SnapshotHealth Initial { get; } = new();

    /// <summary>Storage was read once since this instance started (an empty value counts: nothing was published).</summary>
    public bool Loaded { get; init; }

    public long Version { get; init; }

    public int Items { get; init; }

    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>When this instance loaded the version it serves.</summary>
    public DateTimeOffset? LoadedAt { get; init; }

    public DateTimeOffset? LastSuccessAt { get; init; }

    public DateTimeOffset? LastFailureAt { get; init; }

    public string? LastError { get; init; }
}
