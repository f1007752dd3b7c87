using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Planning;

/// <summary>The published district boundaries, in the Catalogue table under their own name ("planning-districts").</summary>
public sealed class DistrictsDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<DistrictsSnapshot>(service, options.Value.Catalogue, "planning-districts", clock);
