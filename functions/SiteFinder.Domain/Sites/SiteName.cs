namespace SiteFinder.Domain.Sites;

/// <summary>Which text of a site a <see cref="SiteName"/> holds.</summary>
public enum SiteNameField
{
    Name,
    Address,
}

/// <summary>
/// One text a resident may type to find a site, its name or its address, as the catalogue's
/// <see cref="Geocoding.PlaceMatcher{T}"/> holds it (<see cref="Catalogue.Names"/>): a match says which site
/// and which of its texts matched, so a geocoder can label the candidate with it.
/// </summary>
public sealed record SiteName(Site Site, string Text, SiteNameField Field);
