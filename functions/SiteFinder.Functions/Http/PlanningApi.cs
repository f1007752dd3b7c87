using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Domain.Planning;
using SiteFinder.Functions.Planning;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The 15-minute circle for planners: uploads of residential places and district boundaries (the city
/// key: they are the city's inputs, as the gazetteer is), and coverage and gaps at an instant. Reading
/// needs the function key and any operator key, city or district: planners are staff, and the figures
/// of a city's coverage are not for the public endpoints (which answer anonymously) but are no secret
/// between districts either.
/// </summary>
public sealed class PlanningApi(OperatorAccess access, PlanningService planning)
{
    /// <summary>The places file (38,000 rows) is 3.2 MB, the boundaries 90 KB; a list far larger is a mistake.</summary>
    public const long MaxUploadBytes = 32 * 1024 * 1024;

    public const int MaxClusters = 1_000;

    [Function("UploadPlanningPlaces")]
    public async Task<IActionResult> UploadPlaces(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/planning/places")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((auth.RequireCity("Uploading residential places") ?? query.Refusal()) is { } refusal)
            return refusal;

        var (text, encoding, problem) = await ReadTextAsync(request, "send CSV with a header row or a JSON array of places", cancellationToken);
        if (problem is not null)
            return problem;

        var upload = CsvOrJson.Read(text!, request.ContentType, r => ResidentialPlaceReader.FromCsv(r.ReadToEnd(), GazetteerArea.Shanghai), d => ResidentialPlaceReader.FromJson(d, GazetteerArea.Shanghai), Refused);
        if (upload.FileError is not null)
            return Problems.Field("body", upload.FileError);
        var report = upload.Report;
        if (upload.Places.Count == 0)
        {
            var kinds = string.Join("; ", report.Problems.Select(p => $"{p.Kind} in {p.Count} rows, first {string.Join(", ", p.FirstRows)}"));
            return Problems.Field("body", $"none of the {report.Summary.Received} rows is a place ({kinds}); the places are unchanged");
        }

        var published = await planning.PublishPlacesAsync(upload.Places, cancellationToken);
        return ApiJson.Ok(new PlanningPlacesUploadView(
            true,
            upload.Places.Count,
            upload.Places.Sum(p => p.Weight),
            published.Pointer.Version,
            published.Pointer.PublishedAt,
            encoding!,
            report.Summary,
            report.Problems,
            [.. report.Rows.Where(r => r.Outcome == RowOutcome.Rejected || r.Warnings.Count > 0).Take(GazetteerApi.RowsShown)]));
    }

    [Function("UploadPlanningDistricts")]
    public async Task<IActionResult> UploadDistricts(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/planning/districts")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        var coord = query.Coord();
        if ((auth.RequireCity("Uploading district boundaries") ?? query.Refusal()) is { } refusal)
            return refusal;

        var (text, _, problem) = await ReadTextAsync(request, "send a GeoJSON FeatureCollection", cancellationToken);
        if (problem is not null)
            return problem;

        DistrictsUpload upload;
        try
        {
            using var document = JsonDocument.Parse(text!);
            upload = DistrictBoundaryReader.FromGeoJson(document, coord, GazetteerArea.Shanghai);
        }
        catch (JsonException e)
        {
            return Problems.Field("body", $"not valid JSON: {e.Message}");
        }

        if (upload.FileError is not null)
            return Problems.Field("body", upload.FileError);
        if (upload.Districts.Count == 0)
            return Problems.Field("body", $"none of the {upload.Refused.Count} features is a district boundary ({string.Join("; ", upload.Refused.SelectMany(r => r.Errors).Take(5).Select(e => $"{e.Field}: {e.Message}"))}); the boundaries are unchanged");

        var published = await planning.PublishDistrictsAsync(upload.Districts, cancellationToken);
        return ApiJson.Ok(new PlanningDistrictsUploadView(
            true,
            upload.Districts.Count,
            [.. upload.Districts.Select(d => d.Name)],
            upload.Districts.Sum(d => d.VertexCount),
            published.Pointer.Version,
            published.Pointer.PublishedAt,
            upload.Problems,
            [.. upload.Refused.Take(GazetteerApi.RowsShown)]));
    }

    [Function("PlanningCoverage")]
    public async Task<IActionResult> Coverage(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "planning/coverage")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (question, _, refusal) = await AskAsync(request, static _ => 0, cancellationToken);
        if (question is null)
            return refusal!;

        var (inputs, district) = (question.Inputs, question.District);
        var timed = planning.Coverage(inputs, question.At, question.Minutes);
        var coverage = timed.Value;
        return ApiJson.Ok(new PlanningCoverageView(
            PlanningInstant.ToLocalText(coverage.At),
            coverage.At,
            coverage.Minutes,
            Math.Round(WalkingTime.ReachMeters(coverage.Minutes), 1),
            coverage.City,
            district is null ? coverage.Districts : [coverage.District(district)!],
            Sources(inputs, coverage),
            timed.Milliseconds,
            timed.Cached));
    }

    [Function("PlanningGaps")]
    public async Task<IActionResult> Gaps(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "planning/gaps")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (question, (limit, coord), refusal) = await AskAsync(request, q => (q.Int("limit", fallback: 100, min: 1, max: MaxClusters), q.Coord()), cancellationToken);
        if (question is null)
            return refusal!;

        var (inputs, district) = (question.Inputs, question.District);
        var timed = planning.Gaps(inputs, question.At, question.Minutes, district);
        var gaps = timed.Value;
        var coverage = gaps.Coverage;
        return ApiJson.Ok(new PlanningGapsView(
            PlanningInstant.ToLocalText(coverage.At),
            coverage.At,
            coverage.Minutes,
            district,
            GapGrid.CellMeters,
            gaps.Clusters.Sum(c => c.Places),
            gaps.Clusters.Sum(c => c.Weight),
            gaps.CoveredShare,
            gaps.CoveredWeightShare,
            gaps.Clusters.Count,
            [.. gaps.Clusters.Take(limit).Select(c => new PlanningClusterView(c.Rank, c.Places, c.Weight, LocationView.Of(c.Centre, coord), c.District, c.Cells))],
            [.. gaps.Suggested.Select(s => new PlanningSuggestionView(s.Rank, LocationView.Of(s.Location, coord), s.District, s.GainPlaces, s.GainWeight, s.CoveredShareAfter, s.CoveredWeightShareAfter))],
            Sources(inputs, coverage),
            timed.Milliseconds,
            timed.Cached));
    }

    /// <summary>The gaps answer drawn as a map (image/svg+xml), made here: no tiles, nothing fetched. Same parameters as gaps, less limit and coord.</summary>
    [Function("PlanningCoverageMap")]
    public async Task<IActionResult> CoverageMap(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "planning/coverage.svg")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (question, _, refusal) = await AskAsync(request, static _ => 0, cancellationToken);
        if (question is null)
            return refusal!;

        var gaps = planning.Gaps(question.Inputs, question.At, question.Minutes, question.District).Value;
        return new ContentResult { Content = planning.Map(gaps), ContentType = "image/svg+xml; charset=utf-8", StatusCode = 200 };
    }

    /// <summary>The parameters every planning question shares: at (local time), minutes, district.</summary>
    /// <summary>
    /// The opening the three planning reads share: an operator key, the question (at, minutes, district) and
    /// whatever else the endpoint reads from the query, every other name refused, and the inputs in force.
    /// </summary>
    private async Task<(PlanningQuestion? Question, T Extra, IActionResult? Refusal)> AskAsync<T>(HttpRequest request, Func<QueryParameters, T> readExtra, CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return (null, default!, auth.Refusal);

        var (at, minutes, district) = ReadQuestion(query);
        var extra = readExtra(query);
        if (query.Refusal() is { } badQuery)
            return (null, default!, badQuery);

        var (inputs, problem) = await InputsAsync(district, cancellationToken);
        return problem is not null
            ? (null, default!, problem)
            : (new PlanningQuestion(inputs!, at ?? planning.Now, minutes, district), extra, null);
    }

    internal static (DateTimeOffset? At, int Minutes, string? District) ReadQuestion(QueryParameters query)
    {
        DateTimeOffset? at = null;
        if (query.Text("at", maxLength: 40) is { } text)
        {
            if (PlanningInstant.TryParseLocal(text, out var instant, out var error))
                at = instant;
            else
                query.Fail("at", error!);
        }

        var minutes = query.Int("minutes", fallback: WalkingTime.DefaultMinutes, min: WalkingTime.MinMinutes, max: WalkingTime.MaxMinutes);
        var district = query.Text("district");
        return (at, minutes, district);
    }

    /// <summary>The inputs, or the problem: storage never read, no places uploaded yet, a district no place is in.</summary>
    internal async Task<(PlanningInputs? Inputs, IActionResult? Problem)> InputsAsync(string? district, CancellationToken cancellationToken)
    {
        if (await planning.InputsAsync(cancellationToken) is not { } inputs)
            return (null, Problems.CatalogueUnavailable());
        if (inputs.Area.Places.Count == 0)
            return (null, Problems.NotFound("No residential places have been uploaded yet: POST them to /api/manage/planning/places."));
        if (district is not null && !inputs.Area.DistrictNames.Contains(district, StringComparer.Ordinal))
            return (null, Problems.Field("district", $"'{district}' holds none of the places; districts: {string.Join(", ", inputs.Area.DistrictNames)}"));
        return (inputs, null);
    }

    private static PlanningSourcesView Sources(PlanningInputs inputs, CoverageResult coverage) => new(
        inputs.Catalogue.Version,
        inputs.PlacesVersion,
        inputs.DistrictsVersion,
        inputs.Area.Places.Count,
        inputs.Area.Boundaries.Count,
        inputs.Area.Assignments.Count(a => a == DistrictAssignment.Polygon),
        coverage.Sites.Sites.Count);

    private static async Task<(string? Text, string? Encoding, IActionResult? Problem)> ReadTextAsync(HttpRequest request, string what, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await JsonBody.ReadBoundedAsync(request, MaxUploadBytes, cancellationToken);
        if (tooLarge)
            return (null, null, Problems.TooLarge("body", MaxUploadBytes));
        if (AdminApi.DeclaredCharset(request.ContentType, out var declared) is { } charsetProblem)
            return (null, null, Problems.Field("Content-Type", charsetProblem));
        var (text, encoding, decodeError) = ImportText.Decode(bytes, declared);
        if (text is null)
            return (null, null, Problems.Field("body", decodeError!));
        if (string.IsNullOrWhiteSpace(text))
            return (null, null, Problems.Field("body", $"empty: {what}"));
        return (text, encoding, null);
    }

    private static PlacesUpload Refused(string error) => new([], new GazetteerReport(new GazetteerSummary(0, 0, 0, 0), []), error);

    private sealed record PlanningQuestion(PlanningInputs Inputs, DateTimeOffset At, int Minutes, string? District);
}
