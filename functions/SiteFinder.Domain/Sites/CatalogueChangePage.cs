namespace SiteFinder.Domain.Sites;

/// <summary>
/// One page of changes. <see cref="Next"/> is where the next page starts, null after the last;
/// <see cref="Last"/> is where to start the next time the consumer asks (the last site read, or the cursor given).
/// </summary>
public sealed record CatalogueChangePage(IReadOnlyList<CatalogueChange> Items, ChangeCursor? Next, ChangeCursor? Last);
