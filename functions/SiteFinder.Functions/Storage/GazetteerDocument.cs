using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// The published gazetteer, every place in a few compressed entities of the Gazetteer table, so that
/// each instance refreshes it as it does the catalogue: one pointer read when nothing changed.
/// </summary>
public sealed class GazetteerDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<GazetteerSnapshot>(service, options.Value.Gazetteer, "gazetteer", clock);
