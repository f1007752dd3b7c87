using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using SiteFinder.Domain.Status;

namespace SiteFinder.Functions.Storage;

/// <summary>The status board every instance polls and serves, in the SiteStatus table beside the checkpoint and the run claims.</summary>
public sealed class StatusBoardDocument(TableServiceClient service, IOptions<SiteTablesOptions> options, TimeProvider clock)
    : SnapshotDocument<PublishedBoard>(service, options.Value.SiteStatus, "board", clock);
