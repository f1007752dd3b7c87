using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Functions.Storage;

/// <summary>The published gazetteer: the upload's generation (whose rows it was written from) and its places, in source-id order.</summary>
public sealed record GazetteerSnapshot(string Generation, IReadOnlyList<GazetteerEntry> Entries);
