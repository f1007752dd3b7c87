using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// The published catalogue, every site in a few compressed entities of the Catalogue table, so that
/// an instance refreshes with one pointer read and, when it changed, a handful of entity reads
/// instead of thousands of rows.
/// </summary>
public sealed class CatalogueDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<IReadOnlyList<SiteRecord>>(service, options.Value.Catalogue, "catalogue", clock, SiteRecordJsonReader.Read);
