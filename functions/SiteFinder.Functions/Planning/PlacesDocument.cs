using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Planning;

/// <summary>
/// The published residential places, in the Catalogue table under their own name ("planning-places"):
/// published and refreshed like the catalogue, one pointer read when nothing changed. 29,000 places
/// are about 0.4 MB compressed, one entity.
/// </summary>
public sealed class PlacesDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<PlacesSnapshot>(service, options.Value.Catalogue, "planning-places", clock);
