namespace SiteFinder.Domain.Planning;

/// <summary>
/// Clusters of uncovered places and suggested new sites for a coverage. Clusters: the uncovered places
/// in 500 m cells (<see cref="GapGrid"/>), cells joined when they touch by a side or a corner, largest
/// weight first (then more places, then the centre north to south). Suggestions: greedy, at most
/// <see cref="MaxSuggestions"/>; the candidates are the cells' weighted centres; each round takes the
/// candidate whose walk reaches the most still-uncovered weight (ties: the first cell in row order),
/// and stops early when no candidate adds any.
/// </summary>
public static class GapFinder
{
    public const int MaxSuggestions = 10;

    public static GapsResult Find(CoverageResult coverage, string? district = null)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        var area = coverage.Area;
        var grid = new GapGrid(coverage, district);
        var inScope = Enumerable.Range(0, area.Places.Count).Where(i => area.InScope(i, district)).ToList();
        var totalCount = inScope.Count;
        var totalWeight = inScope.Sum(i => area.Places[i].Weight);
        var coveredCount = inScope.Count(i => coverage.Places[i].Covered);
        var coveredWeight = inScope.Where(i => coverage.Places[i].Covered).Sum(i => area.Places[i].Weight);

        return new GapsResult(coverage, district, Clusters(area, grid), Suggest(coverage, grid, totalCount, totalWeight, coveredCount, coveredWeight))
        {
            CoveredShare = Share(coveredCount, totalCount),
            CoveredWeightShare = Share(coveredWeight, totalWeight),
        };
    }

    private static List<GapCluster> Clusters(PlanningArea area, GapGrid grid)
    {
        var seen = new HashSet<(long, long)>();
        var found = new List<(List<int> Places, int Cells)>();
        foreach (var start in grid.Cells.Keys)
        {
            if (!seen.Add(start))
                continue;
            var places = new List<int>();
            var cells = 0;
            var queue = new Queue<(long Row, long Column)>([start]);
            while (queue.TryDequeue(out var cell))
            {
                cells++;
                places.AddRange(grid.Cells[cell]);
                for (var dr = -1; dr <= 1; dr++)
                {
                    for (var dc = -1; dc <= 1; dc++)
                    {
                        var next = (cell.Row + dr, cell.Column + dc);
                        if (grid.Cells.ContainsKey(next) && seen.Add(next))
                            queue.Enqueue(next);
                    }
                }
            }

            places.Sort();
            found.Add((places, cells));
        }

        return found
            .Select(c => (c.Places, c.Cells, Weight: c.Places.Sum(i => area.Places[i].Weight), Centre: GapGrid.Centre(area, c.Places)))
            .OrderByDescending(c => c.Weight).ThenByDescending(c => c.Places.Count).ThenByDescending(c => c.Centre.Lat).ThenBy(c => c.Centre.Lng)
            .Select((c, rank) => new GapCluster(rank + 1, c.Places.Count, c.Weight, c.Centre, MainDistrict(area, c.Places), c.Cells, c.Places))
            .ToList();
    }

    private static List<SuggestedSite> Suggest(CoverageResult coverage, GapGrid grid, int totalCount, double totalWeight, int coveredCount, double coveredWeight)
    {
        var area = coverage.Area;
        var uncovered = grid.Cells.Values.SelectMany(c => c).ToArray();
        var index = new Geo.GeoIndex([.. uncovered.Select(i => area.Places[i].Location)]);
        var reach = WalkingTime.ReachMeters(coverage.Minutes);

        // Who each candidate would reach, once: the rounds then only add weights.
        var reaches = grid.Centres.Select(c => index.Within(c, reach).Select(h => h.Index).ToArray()).ToList();
        var taken = new bool[uncovered.Length];
        var suggestions = new List<SuggestedSite>();
        while (suggestions.Count < MaxSuggestions)
        {
            var best = -1;
            double bestGain = 0;
            var bestPlaces = 0;
            for (var c = 0; c < reaches.Count; c++)
            {
                double gain = 0;
                var places = 0;
                foreach (var u in reaches[c])
                {
                    if (taken[u])
                        continue;
                    gain += area.Places[uncovered[u]].Weight;
                    places++;
                }

                if (places > 0 && (gain > bestGain || best < 0))
                {
                    best = c;
                    bestGain = gain;
                    bestPlaces = places;
                }
            }

            if (best < 0)
                break;
            foreach (var u in reaches[best])
                taken[u] = true;
            coveredCount += bestPlaces;
            coveredWeight += bestGain;
            var reached = reaches[best].Select(u => uncovered[u]).ToList();
            suggestions.Add(new SuggestedSite(
                suggestions.Count + 1,
                grid.Centres[best],
                area.FindBoundary(grid.Centres[best])?.Name ?? MainDistrict(area, reached),
                bestPlaces,
                bestGain,
                Share(coveredCount, totalCount),
                Share(coveredWeight, totalWeight)));
        }

        return suggestions;
    }

    /// <summary>The district with the most weight among the places (ties: the first by name).</summary>
    private static string MainDistrict(PlanningArea area, IEnumerable<int> places) =>
        places.GroupBy(i => area.Districts[i], StringComparer.Ordinal)
            .Select(g => (District: g.Key, Weight: g.Sum(i => area.Places[i].Weight), Count: g.Count()))
            .OrderByDescending(g => g.Weight).ThenByDescending(g => g.Count).ThenBy(g => g.District, StringComparer.Ordinal)
            .Select(g => g.District)
            .FirstOrDefault() ?? string.Empty;

    private static double Share(double part, double whole) => whole <= 0 ? 0 : Math.Round(part / whole, 4);
}
