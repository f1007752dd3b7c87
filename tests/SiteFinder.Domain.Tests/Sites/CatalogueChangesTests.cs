using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Sites;

public class CatalogueChangesTests
{
    private static readonly DateTimeOffset Epoch = new(2022, 4, 28, 0, 0, 0, TimeSpan.Zero);

    // The demo's sites changed over 13 minutes, many in the same instant: ties are the hard case for a cursor.
    private static readonly Catalogue Changed = new(DemoCatalogue.Generate(Epoch).Select((s, i) => s with { UpdatedAt = Epoch.AddMinutes(i * 7 % 13) }));

    private static List<CatalogueChange> ReadAll(ChangeCursor? since, Random random, bool inServiceOnly)
    {
        var read = new List<CatalogueChange>();
        var cursor = since;
        while (true)
        {
            var page = CatalogueChanges.Page(Changed, cursor, random.Next(1, 700), inServiceOnly);
            read.AddRange(page.Items);
            if (page.Next is null)
                return read;
            Assert.Equal(page.Last, page.Next);
            cursor = page.Next;
        }
    }

    [Fact]
    public void A_first_download_pages_through_every_site_in_service_once_in_order_of_change()
    {
        var expected = Changed.Sites.Where(s => s.MayBeInService).OrderBy(s => s.UpdatedAt).ThenBy(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();
        var read = ReadAll(null, new Random(3), inServiceOnly: true);
        Assert.Equal(expected, read.Select(c => c.Site.Id));
        Assert.All(read, c => Assert.Equal(CatalogueChangeKind.Upsert, c.Kind));
    }

    [Fact]
    public void After_a_cursor_sites_out_of_service_are_removals_and_nothing_at_or_before_it_is_read()
    {
        var all = Changed.Sites.OrderBy(ChangeCursor.Of).ToList();
        var since = ChangeCursor.Of(all[all.Count / 2]);
        var expected = all.Where(s => ChangeCursor.Of(s).CompareTo(since) > 0).ToList();
        var read = ReadAll(since, new Random(4), inServiceOnly: false);
        Assert.Equal(expected.Select(s => s.Id), read.Select(c => c.Site.Id));
        Assert.Equal(expected.Select(s => s.MayBeInService ? CatalogueChangeKind.Upsert : CatalogueChangeKind.Removed), read.Select(c => c.Kind));
        Assert.Contains(read, c => c.Kind == CatalogueChangeKind.Removed);
    }

    [Fact]
    public void At_the_end_the_next_poll_starts_from_the_last_site_read_or_the_cursor_given()
    {
        var last = ChangeCursor.Of(Changed.Sites.OrderBy(ChangeCursor.Of).Last());
        var page = CatalogueChanges.Page(Changed, last, 10, inServiceOnly: false);
        Assert.Empty(page.Items);
        Assert.Null(page.Next);
        Assert.Equal(last, page.Last);
    }
}
