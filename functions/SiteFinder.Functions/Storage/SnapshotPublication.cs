namespace SiteFinder.Functions.Storage;

/// <summary>
/// What a publish left in force: the pointer, and whether it names the document given (published
/// now, or equal to the current one). Not ours when a concurrent publisher moved the pointer to its
/// own document first, so a publisher that serves what it published knows when it must read instead.
/// </summary>
public sealed record SnapshotPublication(SnapshotPointer Pointer, bool Ours);
