using System.Globalization;
using System.Text;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Planning;

/// <summary>
/// Draws coverage and gaps as one self-contained SVG: no tiles, fonts or scripts from anywhere. The
/// projection is fixed (<see cref="ShanghaiProjection"/>: equirectangular, longitude scaled by
/// cos 31.2°), framed on the district outlines and the places in scope (one district's when asked). Layers, bottom up: district outlines, covered then uncovered places, open
/// public sites by type, gap clusters (a ring sized by their places), numbered suggestions, then the
/// title, legend and a scale bar. Every layer says what it holds in data-count, and the root element
/// repeats the counts, so a test can check the drawing against the JSON answers.
/// </summary>
public static class CoverageMap
{
    public const int Width = 1200;
    private const double Margin = 24;
    private const double LegendWidth = 250;

    /// <summary>The clusters drawn bold (by weight); the rest are faint, so the few that matter stand out among hundreds.</summary>
    public const int LargestClusters = 20;

    public static string Render(GapsResult gaps)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var coverage = gaps.Coverage;
        var area = coverage.Area;
        var district = gaps.District;
        var places = Enumerable.Range(0, area.Places.Count).Where(i => area.InScope(i, district)).ToList();
        var outlines = district is null ? area.Boundaries : [.. area.Boundaries.Where(b => b.Name == district)];
        var frame = Frame(outlines.SelectMany(b => b.Polygons).SelectMany(p => p).SelectMany(r => r).Concat(places.Select(i => area.Places[i].Location)));
        var mapWidth = Width - LegendWidth - (3 * Margin);
        var scale = mapWidth / Math.Max(1, frame.MaxX - frame.MinX);
        var mapHeight = Math.Max(200, (frame.MaxY - frame.MinY) * scale);
        var height = mapHeight + (2 * Margin) + 40;
        (double X, double Y) Px(GeoPoint p)
        {
            var (x, y) = ShanghaiProjection.ToMeters(p);
            return (Margin + ((x - frame.MinX) * scale), Margin + 40 + ((frame.MaxY - y) * scale));
        }

        bool InView(GeoPoint p)
        {
            var (x, y) = ShanghaiProjection.ToMeters(p);
            return x >= frame.MinX && x <= frame.MaxX && y >= frame.MinY && y <= frame.MaxY;
        }

        var covered = places.Where(i => coverage.Places[i].Covered).ToList();
        var uncovered = places.Where(i => !coverage.Places[i].Covered).ToList();
        var sites = coverage.Sites.Sites.Where(s => InView(s.Location)).ToList();
        var svg = new StringBuilder(64 * (places.Count + sites.Count + 100));
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"""<svg xmlns="http://www.w3.org/2000/svg" width="{Width}" height="{height:F0}" viewBox="0 0 {Width} {height:F0}" font-family="'Noto Sans CJK SC','Noto Sans SC',sans-serif" """);
        svg.Append(inv, $"""data-places="{places.Count}" data-covered="{covered.Count}" data-uncovered="{uncovered.Count}" data-sites="{sites.Count}" data-districts="{outlines.Count}" data-clusters="{gaps.Clusters.Count}" data-suggested="{gaps.Suggested.Count}" data-minutes="{coverage.Minutes}" data-at="{PlanningInstant.ToLocalText(coverage.At)}">""");
        svg.Append("<style>.district{fill:#f4f1ea;stroke:#8a8170;stroke-width:1}.district-label{font-size:12px;fill:#6b6357;text-anchor:middle}.covered{fill:#2e8b57}.uncovered{fill:#d1352b}.site{stroke:#1f3b73;stroke-width:0.6;fill:#fff}.site-fixed{fill:#1f3b73}.site-convenience{fill:#5b8ff9}.site-mobile{fill:#f6bd16}.gap{fill:none;stroke:#d1352b;stroke-width:0.7;stroke-opacity:0.45;stroke-dasharray:3 2}.gap.largest{stroke:#8b0000;stroke-width:2;stroke-opacity:1}.district-label{paint-order:stroke;stroke:#ffffff;stroke-width:3px;font-weight:bold}.suggested circle{fill:#7b2cbf;stroke:#fff;stroke-width:1.5}.suggested text{fill:#fff;font-size:11px;font-weight:bold;text-anchor:middle;dominant-baseline:central}.legend text{font-size:13px;fill:#222}.title{font-size:18px;font-weight:bold;fill:#222}</style>");
        svg.Append(inv, $"""<rect width="{Width}" height="{height:F0}" fill="#ffffff"/>""");

        var scopeName = district ?? "上海市";
        svg.Append(inv, $"""<text class="title" x="{Margin}" y="{Margin + 14}">{Escape(scopeName)}: {coverage.Minutes}-minute walk to an open public site at {PlanningInstant.ToLocalText(coverage.At)}, {gaps.CoveredShare:P1} of {places.Count:N0} places covered</text>""");

        svg.Append(inv, $"""<g id="districts" data-count="{outlines.Count}">""");
        foreach (var boundary in outlines)
        {
            svg.Append(inv, $"<path class=\"district\" data-name=\"{Escape(boundary.Name)}\" fill-rule=\"evenodd\" d=\"");
            foreach (var ring in boundary.Polygons.SelectMany(p => p))
            {
                for (var i = 0; i < ring.Count; i++)
                {
                    var (x, y) = Px(ring[i]);
                    svg.Append(inv, $"{(i == 0 ? 'M' : 'L')}{x:F1},{y:F1}");
                }

                svg.Append('Z');
            }

            svg.Append("\"/>");
        }

        svg.Append("</g>");
        var radius = district is null ? 1.3 : 2.2;
        foreach (var (id, list) in new[] { ("covered", covered), ("uncovered", uncovered) })
        {
            svg.Append(inv, $"""<g id="places-{id}" class="{id}" data-count="{list.Count}">""");
            foreach (var i in list)
            {
                var (x, y) = Px(area.Places[i].Location);
                svg.Append(inv, $"""<circle class="place" cx="{x:F1}" cy="{y:F1}" r="{radius}"/>""");
            }

            svg.Append("</g>");
        }

        svg.Append(inv, $"""<g id="sites" data-count="{sites.Count}">""");
        foreach (var site in sites)
        {
            var (x, y) = Px(site.Location);
            svg.Append(inv, $"""<rect class="site site-{site.Type.ToString().ToLowerInvariant()}" x="{x - 2:F1}" y="{y - 2:F1}" width="4" height="4"/>""");
        }

        svg.Append("</g>");
        svg.Append(inv, $"""<g id="gaps" data-count="{gaps.Clusters.Count}">""");
        foreach (var cluster in gaps.Clusters)
        {
            var (x, y) = Px(cluster.Centre);
            var r = Math.Max(3, Math.Sqrt(cluster.Cells) * GapGrid.CellMeters / 2 * scale);
            svg.Append(inv, $"""<circle class="gap{(cluster.Rank <= LargestClusters ? " largest" : string.Empty)}" data-rank="{cluster.Rank}" data-places="{cluster.Places}" cx="{x:F1}" cy="{y:F1}" r="{r:F1}"/>""");
        }

        svg.Append("</g>");
        svg.Append(inv, $"""<g id="suggested" class="suggested" data-count="{gaps.Suggested.Count}">""");
        foreach (var s in gaps.Suggested)
        {
            var (x, y) = Px(s.Location);
            svg.Append(inv, $"""<g class="suggestion" data-rank="{s.Rank}" data-gain="{s.GainPlaces}"><circle cx="{x:F1}" cy="{y:F1}" r="9"/><text x="{x:F1}" y="{y:F1}">{s.Rank}</text></g>""");
        }

        svg.Append("</g>");
        // Names last, over the dots, so that a dense district stays labelled.
        svg.Append("<g id=\"district-labels\">");
        foreach (var boundary in outlines)
        {
            var largest = boundary.Polygons.OrderByDescending(p => p[0].Count).First()[0];
            var (x, y) = Px(new GeoPoint(largest.Average(p => p.Lat), largest.Average(p => p.Lng)));
            svg.Append(inv, $"""<text class="district-label" x="{x:F1}" y="{y:F1}">{Escape(boundary.Name)}</text>""");
        }

        svg.Append("</g>");
        Legend(svg, Width - LegendWidth - Margin, Margin + 40, gaps, coverage, covered.Count, uncovered.Count, sites);
        ScaleBar(svg, Margin + 10, height - Margin - 8, scale, frame.MaxX - frame.MinX);
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static void Legend(StringBuilder svg, double x, double y, GapsResult gaps, CoverageResult coverage, int covered, int uncovered, IReadOnlyList<Site> sites)
    {
        var inv = CultureInfo.InvariantCulture;
        svg.Append(inv, $"""<g id="legend" class="legend"><rect x="{x}" y="{y}" width="{LegendWidth}" height="300" fill="#ffffff" stroke="#cccccc"/>""");
        var line = y + 24;
        void Row(string symbol, string text)
        {
            svg.Append(symbol.Replace("{x}", (x + 18).ToString("F1", inv), StringComparison.Ordinal).Replace("{y}", (line - 4).ToString("F1", inv), StringComparison.Ordinal));
            svg.Append(inv, $"""<text x="{x + 34}" y="{line}">{Escape(text)}</text>""");
            line += 24;
        }

        Row("""<circle class="covered" cx="{x}" cy="{y}" r="4"/>""", string.Create(inv, $"covered place ({covered:N0})"));
        Row("""<circle class="uncovered" cx="{x}" cy="{y}" r="4"/>""", string.Create(inv, $"uncovered place ({uncovered:N0})"));
        foreach (var type in new[] { SiteType.Fixed, SiteType.Convenience, SiteType.Mobile, SiteType.Unknown })
        {
            var name = type.ToString().ToLowerInvariant();
            Row("<rect class=\"site site-" + name + "\" x=\"{x}\" y=\"{y}\" width=\"8\" height=\"8\" transform=\"translate(-4,-4)\"/>", string.Create(inv, $"open {name} site ({sites.Count(s => s.Type == type):N0})"));
        }

        Row("""<circle class="gap" cx="{x}" cy="{y}" r="7"/>""", string.Create(inv, $"gap cluster ({gaps.Clusters.Count:N0}; {LargestClusters} largest bold)"));
        Row("""<circle cx="{x}" cy="{y}" r="8" fill="#7b2cbf"/>""", string.Create(inv, $"suggested site, numbered ({gaps.Suggested.Count})"));
        var lifted = gaps.Suggested.Count == 0 ? gaps.CoveredShare : gaps.Suggested[^1].CoveredShareAfter;
        svg.Append(inv, $"""<text x="{x + 12}" y="{line + 6}">walk = metres × 1.3 ÷ 80 m/min</text>""");
        svg.Append(inv, $"""<text x="{x + 12}" y="{line + 26}">suggestions: {gaps.CoveredShare:P1} → {lifted:P1}</text>""");
        svg.Append(inv, $"""<text x="{x + 12}" y="{line + 46}">{coverage.Sites.Sites.Count:N0} public sites open then</text></g>""");
    }

    /// <summary>A bar of a round length near a fifth of the map's width.</summary>
    private static void ScaleBar(StringBuilder svg, double x, double y, double scale, double widthMeters)
    {
        var inv = CultureInfo.InvariantCulture;
        double[] steps = [500, 1_000, 2_000, 5_000, 10_000, 20_000, 50_000];
        var meters = steps.LastOrDefault(s => s <= widthMeters / 5, steps[0]);
        var length = meters * scale;
        svg.Append(inv, $"""<g id="scale-bar" data-meters="{meters}"><rect x="{x:F1}" y="{y - 6:F1}" width="{length:F1}" height="6" fill="#222"/><text x="{x:F1}" y="{y - 10:F1}" font-size="12">{(meters >= 1000 ? $"{meters / 1000:0.#} km" : $"{meters:0} m")}</text></g>""");
    }

    private static (double MinX, double MinY, double MaxX, double MaxY) Frame(IEnumerable<GeoPoint> points)
    {
        var xy = points.Select(ShanghaiProjection.ToMeters).ToList();
        if (xy.Count == 0)
            return (-1_000, -1_000, 1_000, 1_000);
        double minX = xy.Min(p => p.X), maxX = xy.Max(p => p.X), minY = xy.Min(p => p.Y), maxY = xy.Max(p => p.Y);
        var pad = Math.Max(500, 0.03 * Math.Max(maxX - minX, maxY - minY));
        return (minX - pad, minY - pad, maxX + pad, maxY + pad);
    }

    private static string Escape(string text) => System.Security.SecurityElement.Escape(text) ?? string.Empty;
}
