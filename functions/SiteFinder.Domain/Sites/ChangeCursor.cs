namespace SiteFinder.Domain.Sites;

/// <summary>
/// A place in the catalogue ordered by last change: the <see cref="Site.UpdatedAt"/> of the last site a
/// consumer has seen and its id (sites changed in the same instant are told apart by id).
/// </summary>
public readonly record struct ChangeCursor(DateTimeOffset UpdatedAt, string Id) : IComparable<ChangeCursor>
{
    public static ChangeCursor Of(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        return new(site.UpdatedAt, site.Id);
    }

    public int CompareTo(ChangeCursor other)
    {
        var byTime = UpdatedAt.CompareTo(other.UpdatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }
}
