using System.Runtime.CompilerServices;

namespace SiteFinder.Domain.Sites;

/// <summary>
/// The sites changed after a cursor, read from one catalogue: every site whose <see cref="Site.UpdatedAt"/>
/// is after it, in order of change. A site in service is an upsert; one that is not is a removal,
/// since the catalogue keeps sites that left service (closed, not deleted). A first download (every
/// page of it, not only the first) lists only sites in service: its consumer has nothing yet to remove.
/// </summary>
public static class CatalogueChanges
{
    /// <summary>Sites by last change, sorted once per catalogue (a catalogue is immutable) and dropped with it.</summary>
    private static readonly ConditionalWeakTable<Catalogue, Site[]> ByChange = [];

    /// <param name="catalogue">The catalogue now served.</param>
    /// <param name="since">The last change read; null to start from the first.</param>
    /// <param name="limit">At most this many changes.</param>
    /// <param name="inServiceOnly">A page of a first download: sites out of service are left out, not removals.</param>
    public static CatalogueChangePage Page(Catalogue catalogue, ChangeCursor? since, int limit, bool inServiceOnly)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sites = ByChange.GetValue(catalogue, c => [.. c.Sites.OrderBy(ChangeCursor.Of)]);

        // The first site after the cursor: a binary search over the sorted sites.
        var start = 0;
        if (since is { } cursor)
        {
            var (low, high) = (0, sites.Length);
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (ChangeCursor.Of(sites[middle]).CompareTo(cursor) <= 0)
                    low = middle + 1;
                else
                    high = middle;
            }

            start = low;
        }

        var items = new List<CatalogueChange>(Math.Min(limit, sites.Length - start));
        var i = start;
        for (; i < sites.Length && items.Count < limit; i++)
        {
            var site = sites[i];
            if (site.MayBeInService)
                items.Add(new(site, CatalogueChangeKind.Upsert));
            else if (!inServiceOnly)
                items.Add(new(site, CatalogueChangeKind.Removed));
        }

        // The scan stops at the limit or the end; sites skipped at the end (out of service, first download) need no page of their own.
        var more = items.Count == limit && sites.Skip(i).Any(s => !inServiceOnly || s.MayBeInService);
        ChangeCursor? last = i > start ? ChangeCursor.Of(sites[i - 1]) : since;
        return new CatalogueChangePage(items, more ? last : null, last);
    }
}
