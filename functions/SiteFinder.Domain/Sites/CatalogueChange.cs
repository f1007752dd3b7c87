namespace SiteFinder.Domain.Sites;

public sealed record CatalogueChange(Site Site, CatalogueChangeKind Kind);
