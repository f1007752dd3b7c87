using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.OpenData;

/// <summary>One change of the open change list: an upsert carries the site's feature (without a status), a removal only its id.</summary>
public sealed record OpenChange(string Id, CatalogueChangeKind Change, DateTimeOffset UpdatedAt, OpenFeature? Feature);
