using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using SiteFinder.Domain.Import;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>District operators' endpoints.</summary>
public sealed class AdminApi(OperatorAccess access, SiteImportService imports)
{
    /// <summary>A city's full list is a few MB (9,000 sites ≈ 3 MB); anything far larger is a mistake, not a list.</summary>
    public const long MaxImportBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Upserts sites from CSV (the shared files' columns) or JSON, each row updating the columns it
    /// carries; closeMissing=true closes the stored sites of the file's districts that it does not
    /// list. Answers a row-by-row report and the changes, field by field (the same in a dry run).
    /// Rows without a point are geocoded, in a dry run too (see <see cref="SiteImportService"/>).
    /// </summary>
    [Function("ImportSites")]
    public async Task<IActionResult> Import(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/sites/import")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;

        var dryRun = query.Bool("dryRun");
        var closeMissing = query.Bool("closeMissing");
        if (query.Refusal() is { } badQuery)
            return badQuery;

        var (bytes, tooLarge) = await JsonBody.ReadBoundedAsync(request, MaxImportBytes, cancellationToken);
        if (tooLarge)
            return Problems.TooLarge("body", MaxImportBytes);

        if (DeclaredCharset(request.ContentType, out var declared) is { } charsetProblem)
            return Problems.Field("Content-Type", charsetProblem);
        var (text, encoding, decodeError) = ImportText.Decode(bytes, declared);
        if (text is null)
            return Problems.Field("body", decodeError!);

        if (string.IsNullOrWhiteSpace(text))
            return Problems.Field("body", "empty: send CSV with a header row or a JSON array of sites");

        var (rows, formatError) = Read(text, request.ContentType);
        if ((formatError ?? SiteInput.RowCountProblem(rows.Count)) is { } fileError)
            return Problems.Field("body", fileError);

        ImportPlan plan;
        try
        {
            plan = dryRun
                ? await imports.PreviewAsync(rows, closeMissing, auth.Identity, cancellationToken)
                : await imports.ImportAsync(rows, closeMissing, auth.Identity, cancellationToken);
        }
        catch (SiteVersionConflictException e)
        {
            return Problems.Conflict($"Sites kept changing while the import was written ({string.Join(", ", e.SiteIds.Take(10))}); the rest is written. Import the list again to apply it to them.");
        }

        return ApiJson.Ok(ImportAnswer.Of(plan.Report, dryRun, closeMissing, encoding));
    }

    /// <summary>The CSV template for operators (any operator, whatever the district): every column and two example rows, UTF-8 with a BOM so that Excel opens it as UTF-8.</summary>
    [Function("SiteListTemplate")]
    public async Task<IActionResult> Template(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/sites/template.csv")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        return auth.Refusal ?? query.Refusal() ?? (IActionResult)new FileContentResult([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(SiteListTemplate.Csv)], "text/csv; charset=utf-8")
        {
            FileDownloadName = "sites-template.csv",
        };
    }

    /// <summary>The charset the client declared (null when none), or why it cannot be read.</summary>
    internal static string? DeclaredCharset(string? contentType, out string? charset)
    {
        charset = null;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var media) || media.Charset.Length == 0)
            return null;
        if (ImportText.AcceptedCharsets.TryGetValue(media.Charset.ToString().Trim('"'), out charset))
            return null;
        return $"charset '{media.Charset}' is not accepted: send UTF-8 or GB18030 (GBK), or no charset to have it detected";
    }

    private static (IReadOnlyList<SiteInput> Rows, string? Error) Read(string text, string? contentType)
    {
        var json = contentType?.Contains("json", StringComparison.OrdinalIgnoreCase)
            ?? text.TrimStart() is ['[' or '{', ..];
        if (!json)
        {
            using var reader = new StringReader(text);
            var csvRows = SiteInput.FromCsv(reader, out var headerError);
            return (csvRows, headerError);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var jsonRows = SiteInput.FromJson(document, out var formatError);
            return (jsonRows, formatError);
        }
        catch (JsonException e)
        {
            return ([], $"not valid JSON: {e.Message}");
        }
        catch (InvalidOperationException)
        {
            // Valid JSON escapes can still spell invalid text (a lone surrogate such as "\ud800").
            return ([], "not valid JSON text: a string holds an unpaired surrogate escape");
        }
    }
}
