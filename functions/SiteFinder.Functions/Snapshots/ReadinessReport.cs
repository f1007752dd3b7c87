using System.Text.Json.Serialization;

namespace SiteFinder.Functions.Snapshots;

/// <summary>The readiness probe's answer: the same body whether ready (200) or not (503).</summary>
public sealed record ReadinessReport(string Status, StorageReadiness Storage, SnapshotsReadiness Snapshots)
{
    [JsonIgnore]
    public bool Ready => Status == "ready";
}

/// <summary>Whether storage answered lately, as the refresh loops saw it.</summary>
public sealed record StorageReadiness(bool Reached, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastFailureAt, string? LastError, int ReachedWithinSeconds);

public sealed record SnapshotsReadiness(SnapshotReadiness Catalogue, SnapshotReadiness Status);

/// <summary>One published document as this instance holds it; <see cref="AgeSeconds"/> counts from its publication.</summary>
public sealed record SnapshotReadiness(
    bool Loaded,
    long Version,
    int Items,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? LoadedAt,
    long? AgeSeconds,
    DateTimeOffset? LastSuccessAt,
    DateTimeOffset? LastFailureAt,
    string? LastError);
