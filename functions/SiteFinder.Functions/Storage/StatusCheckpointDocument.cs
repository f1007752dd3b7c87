using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Storage;

/// <summary>
/// The aggregation's checkpoint (reports, hour tallies, service rates), which only the aggregator
/// reads: the next run starts from it. A name of its own, not the "status" document that once was
/// both checkpoint and board (with its tally dates as yyyyMMdd strings): while a deployment rolls,
/// instances of the earlier release keep reading theirs, and this release's first run starts cold.
/// </summary>
public sealed class StatusCheckpointDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<StatusState>(service, options.Value.SiteStatus, "checkpoint", clock);
