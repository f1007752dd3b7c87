namespace SiteFinder.Domain.Sites;

public enum CatalogueChangeKind
{
    /// <summary>In service: added or changed (the catalogue keeps no creation time, so the two are not told apart).</summary>
    Upsert,

    /// <summary>Left service (closed, planned again, or suspended with no end): drop it.</summary>
    Removed,
}
