using System.Text.Json;
using System.Text.Json.Serialization;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// The catalogue snapshot's JSON metadata, generated at build time (and so precompiled with the app) instead
/// of built by reflection on the first load: the first read of 9,000 records was the largest part of a fresh
/// instance's catalogue load (BENCHMARKS.md, "Issue 16: start-up"). The same web defaults as
/// <see cref="SnapshotDocument{T}"/>'s reflection options.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<SiteRecord>))]
internal sealed partial class SnapshotJson : JsonSerializerContext;
