using System.Globalization;
using SiteFinder.Domain.Demo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Tests;

/// <summary>
/// A catalogue the size of a province: the 9,000-site demo repeated over Shanghai-sized tiles, four
/// rows high and as many columns west as needed (12 tiles for 100,000 sites), each copy with its own
/// source ids (so its own site ids) and shifted points.
/// Copies lie megabytes apart in the document, beyond gzip's 32 KiB window, so they compress no
/// better than the demo itself.
/// </summary>
public static class LargeCatalogue
{
    private const double TileLatDegrees = 1.3;
    private const double TileLngDegrees = 1.5;

    public static List<SiteRecord> Generate(int count, DateTimeOffset updatedAt)
    {
        var demo = DemoCatalogue.Generate(updatedAt).Select(SiteRecord.From).ToList();
        var records = new List<SiteRecord>(count);
        for (var i = 0; i < count; i++)
        {
            var copy = i / demo.Count;
            var record = demo[i % demo.Count];
            if (copy == 0)
            {
                records.Add(record);
                continue;
            }

            var sourceId = string.Create(CultureInfo.InvariantCulture, $"{record.SourceId}:tile{copy}");
            var dLat = copy % 4 * TileLatDegrees;
            var dLng = -(copy / 4) * TileLngDegrees;
            records.Add(record with
            {
                Id = SiteIds.FromSourceId(sourceId),
                SourceId = sourceId,
                Name = string.Create(CultureInfo.InvariantCulture, $"{record.Name}·{copy}"),
                Lat = Math.Round(record.Lat + dLat, 6),
                Lng = Math.Round(record.Lng + dLng, 6),
                SourceLat = Math.Round(record.SourceLat + dLat, 6),
                SourceLng = Math.Round(record.SourceLng + dLng, 6),
            });
        }

        return records;
    }
}
