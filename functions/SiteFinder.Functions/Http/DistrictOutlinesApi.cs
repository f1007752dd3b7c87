using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Planning;
using SiteFinder.Functions.Planning;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The district outlines for maps drawn by clients (the resident page): the boundaries the city uploaded for
/// planning, which are public administrative facts, thinned to <see cref="ToleranceMeters"/>. Anonymous,
/// like every resident read; the upload itself stays the city's.
/// </summary>
public sealed class DistrictOutlinesApi(DistrictsProvider districts)
{
    /// <summary>Below a dot's width on a map of a few kilometres across a phone.</summary>
    public const double ToleranceMeters = 20;

    // Per published snapshot (and so dropped with it), per coordinate system: thinned and converted once.
    private static readonly ConditionalWeakTable<DistrictsSnapshot, DistrictOutlineView[]?[]> Outlines = new();

    [Function("DistrictOutlines")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "districts/outlines")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var coord = query.Coord();
        query.RefuseUnknown();
        if (query.HasErrors)
            return Problems.Validation(query.Errors);

        if (await districts.GetAsync(cancellationToken) is not { } snapshot)
            return Problems.StorageUnavailable("unreachable");

        var byCoord = Outlines.GetValue(snapshot, static _ => new DistrictOutlineView[]?[Enum.GetValues<CoordinateSystem>().Length]);
        var items = Volatile.Read(ref byCoord[(int)coord]);
        if (items is null)
        {
            items = [.. snapshot.Districts.Select(d => Of(d, coord)).Where(d => d.Rings.Count > 0)];
            Volatile.Write(ref byCoord[(int)coord], items);
        }

        return ApiJson.Ok(new DistrictOutlinesView(coord.ToLabel(), ToleranceMeters, items));
    }

    private static DistrictOutlineView Of(DistrictBoundary district, CoordinateSystem coord) => new(
        district.Name,
        [.. district.Polygons
            .SelectMany(polygon => polygon.Take(1)) // the outer ring: holes do not show at this scale
            .Select(ring => OutlineSimplifier.Simplify(ring, ToleranceMeters))
            .Where(ring => ring.Count > 0)
            .Select(ring => (IReadOnlyList<IReadOnlyList<double>>)[.. ring.Select(p => Pair(p, coord))])]);

    /// <summary>[lng, lat] as GeoJSON orders them, in the system asked, to 6 decimals (about 0.1 m).</summary>
    private static IReadOnlyList<double> Pair(GeoPoint wgs84, CoordinateSystem coord)
    {
        var p = ChinaCoordinates.Convert(wgs84, CoordinateSystem.Wgs84, coord);
        return [Math.Round(p.Lng, 6), Math.Round(p.Lat, 6)];
    }
}

/// <summary>The district outlines in <c>coord</c>, each vertex within <c>toleranceMeters</c> of the uploaded boundary; none before any upload.</summary>
public sealed record DistrictOutlinesView(string Coord, double ToleranceMeters, IReadOnlyList<DistrictOutlineView> Items);

/// <summary>One district: its outer rings (one per part of a MultiPolygon), each a closed list of [lng, lat].</summary>
public sealed record DistrictOutlineView(string Name, IReadOnlyList<IReadOnlyList<IReadOnlyList<double>>> Rings);
