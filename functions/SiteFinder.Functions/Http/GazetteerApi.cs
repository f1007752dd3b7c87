using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Geocoding;
using SiteFinder.Domain.Import;
using SiteFinder.Functions.Gazetteer;

namespace SiteFinder.Functions.Http;

/// <summary>One place as the list shows it.</summary>
public sealed record GazetteerEntryView(string SourceId, string Name, string District, string? Kind, LocationView Location);

/// <summary>The city's gazetteer of places: upload (replaces it whole) and list. Uploading needs the city key; any operator may list.</summary>
public sealed class GazetteerApi(OperatorAccess access, GazetteerService gazetteer, GazetteerProvider provider)
{
    /// <summary>The places file (38,000 rows) is 3.4 MB; a city's list far larger than that is a mistake.</summary>
    public const long MaxUploadBytes = 32 * 1024 * 1024;

    /// <summary>Row reports answered beside the per-kind problems: the first refused or flagged rows, enough to see the pattern.</summary>
    public const int RowsShown = 100;

    [Function("UploadGazetteer")]
    public async Task<IActionResult> Upload(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/gazetteer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((auth.RequireCity("Uploading the gazetteer") ?? query.Refusal()) is { } refusal)
            return refusal;

        var (bytes, tooLarge) = await JsonBody.ReadBoundedAsync(request, MaxUploadBytes, cancellationToken);
        if (tooLarge)
            return Problems.TooLarge("body", MaxUploadBytes);
        if (AdminApi.DeclaredCharset(request.ContentType, out var declared) is { } charsetProblem)
            return Problems.Field("Content-Type", charsetProblem);
        var (text, encoding, decodeError) = ImportText.Decode(bytes, declared);
        if (text is null)
            return Problems.Field("body", decodeError!);
        if (string.IsNullOrWhiteSpace(text))
            return Problems.Field("body", "empty: send CSV with a header row or a JSON array of places");

        var upload = CsvOrJson.Read(text, request.ContentType, r => GazetteerReader.FromCsv(r, GazetteerArea.Shanghai), d => GazetteerReader.FromJson(d, GazetteerArea.Shanghai), Refused);
        if (upload.FileError is not null)
            return Problems.Field("body", upload.FileError);
        var report = upload.Report;
        if (upload.Entries.Count == 0)
        {
            var kinds = string.Join("; ", report.Problems.Select(p => $"{p.Kind} in {p.Count} rows, first {string.Join(", ", p.FirstRows)}"));
            return Problems.Field("body", $"none of the {report.Summary.Received} rows is a place ({kinds}); the gazetteer is unchanged");
        }

        var pointer = await gazetteer.ReplaceAsync(upload.Entries, cancellationToken);
        if (pointer is null)
            return Problems.Conflict("Another upload replaced the gazetteer at the same time and is the one in force; upload again to replace it.");

        return ApiJson.Ok(new GazetteerUploadAnswer(
            Replaced: true,
            upload.Entries.Count,
            pointer.Version,
            pointer.PublishedAt,
            encoding,
            report.Summary,
            report.Problems,
            [.. report.Rows.Where(r => r.Outcome == RowOutcome.Rejected || r.Warnings.Count > 0).Take(RowsShown)]));
    }

    /// <summary>What is in force: how many places of which kinds, the version and when it was published, and a page of places (cursor = offset).</summary>
    [Function("ListGazetteer")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/gazetteer")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;

        var limit = query.Int("limit", fallback: 100, min: 1, max: 1000);
        var offset = query.Int("cursor", fallback: 0, min: 0, max: int.MaxValue);
        var coord = query.Coord();
        if (query.Refusal() is { } badQuery)
            return badQuery;

        if (await provider.GetAsync(cancellationToken) is not { } served)
            return Problems.StorageUnavailable(provider.Health.LastError ?? "unavailable");

        var health = provider.Health;
        var page = served.Entries.Skip(offset).Take(limit)
            .Select(e => new GazetteerEntryView(e.SourceId, e.Name, e.District, e.Kind, LocationView.Of(e.Location, coord)))
            .ToList();
        var next = offset + page.Count < served.Entries.Count ? (offset + page.Count).ToString(CultureInfo.InvariantCulture) : null;
        var figures = new Dictionary<string, object>
        {
            ["count"] = served.Entries.Count,
            ["kinds"] = served.Kinds,
            ["generation"] = served.Generation,
            ["version"] = health.Version,
        };
        if (health.PublishedAt is { } publishedAt && health.Version > 0)
            figures["publishedAt"] = publishedAt;
        return ApiJson.Ok(new ListPage<GazetteerEntryView>(page, next) { Extra = figures });
    }

    private static GazetteerUpload Refused(string error) => new([], new GazetteerReport(new GazetteerSummary(0, 0, 0, 0), []), error);
}
