using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Audit;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>District operators edit one site: read it with its version, change it with If-Match, read its audit trail.</summary>
public sealed class SiteEditApi(OperatorAccess access, SiteEditService edits, ISiteAuditLog audit, TimeProvider clock)
{
    /// <summary>An edit is a few fields; the longest (notes) is 4,000 characters.</summary>
    public const int MaxEditBytes = 64 * 1024;

    public const int DefaultAuditLimit = 20;
    public const int MaxAuditLimit = 100;

    /// <summary>The operator's view of a site: every stored field, its version in ETag, who changed it last and when.</summary>
    [Function("GetSiteForEdit")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/sites/{id:length(16)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (stored, problem) = await StoredSiteAsync(request, id, query: null, cancellationToken);
        return problem ?? Versioned(stored!, OperatorSiteView.Of(stored!, clock.GetUtcNow()));
    }

    /// <summary>Changes the fields given (JSON merge patch: null clears a field). If-Match must carry the version read.</summary>
    [Function("EditSite")]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "manage/sites/{id:length(16)}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (who, refusal) = await OperatorAsync(request, id, query: null, cancellationToken);
        if (refusal is not null)
            return refusal;

        var version = request.Headers.IfMatch.ToString().Trim();
        if (version.Length == 0 || version == "*")
            return Problems.PreconditionRequired("If-Match: send the ETag of the version you read (GET this site), so that an edit never overwrites a change you have not seen");

        var (body, problem) = await JsonBody.ReadAsync(request, MaxEditBytes, cancellationToken);
        if (problem is not null)
            return problem;
        var (patch, reason) = SitePatchJson.Read(body!.Root, body, prefix: string.Empty, withReason: true);
        if (patch.IsEmpty && !body.HasErrors)
            body.Fail("body", "no field to change");
        if (body!.HasErrors)
            return Problems.Validation(body.Errors);

        var outcome = await edits.EditAsync(id, version, patch, who!, EditContext.Edit(reason), cancellationToken);
        return outcome switch
        {
            EditOutcome.Edited edited => Versioned(edited.Site, new EditAnswer(OperatorSiteView.Of(edited.Site, clock.GetUtcNow()), edited.Changes)),
            EditOutcome.NotFound => Problems.NotFound($"No site with id '{id}'."),
            EditOutcome.OutOfScope scope => Problems.OutOfDistrict(who!, scope.District),
            EditOutcome.Stale stale => Problems.PreconditionFailed(stale.Current.Version, OperatorSiteView.Of(stale.Current, clock.GetUtcNow())),
            EditOutcome.Invalid invalid => Problems.Validation(invalid.Errors.ToDictionary(e => e.Key, e => new[] { e.Value })),
            _ => throw new InvalidOperationException($"Unmapped edit outcome {outcome.GetType().Name}"),
        };
    }

    /// <summary>Every change of the site, newest first, paged with cursor.</summary>
    [Function("SiteAuditTrail")]
    public async Task<IActionResult> Audit(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/sites/{id:length(16)}/audit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryParameters(request.Query);
        var limit = query.Int("limit", DefaultAuditLimit, 1, MaxAuditLimit);
        var cursor = query.Text("cursor");
        if (cursor is not null && !audit.IsWellFormedCursor(cursor))
            query.Fail("cursor", "not a cursor this list gave out");
        if ((await StoredSiteAsync(request, id, query, cancellationToken)).Problem is { } problem)
            return problem;

        var page = await audit.ListAsync(id, limit, cursor, cancellationToken);
        return ApiJson.Ok(new ListPage<AuditEntryView>([.. page.Items.Select(AuditEntryView.Of)], page.Cursor));
    }

    /// <summary>The caller, once their key and the site id are checked (with the query's own problems, if any), or the problem to answer.</summary>
    private async Task<(Domain.Operators.OperatorIdentity? Who, IActionResult? Problem)> OperatorAsync(HttpRequest request, string id, QueryParameters? query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var auth = await access.AuthorizeAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return (null, auth.Refusal);
        query ??= new QueryParameters(request.Query);
        query.RefuseUnknown();
        if (!SiteIds.IsWellFormed(id))
            query.Fail("id", "a site id is 16 lowercase hex digits");
        return query.HasErrors ? (null, Problems.Validation(query.Errors)) : (auth.Identity, null);
    }

    /// <summary>The stored site the caller may manage, or the problem: refused key, bad id or query, no such site, another district.</summary>
    private async Task<(StoredSite? Site, IActionResult? Problem)> StoredSiteAsync(HttpRequest request, string id, QueryParameters? query, CancellationToken cancellationToken)
    {
        var (who, problem) = await OperatorAsync(request, id, query, cancellationToken);
        if (problem is not null)
            return (null, problem);
        if (await edits.GetAsync(id, cancellationToken) is not { } stored)
            return (null, Problems.NotFound($"No site with id '{id}'."));
        return who!.MayManage(stored.Record.District) ? (stored, null) : (null, Problems.OutOfDistrict(who, stored.Record.District));
    }

    private static ETagResult Versioned(StoredSite stored, object body) => new(ApiJson.Ok(body), stored.Version);
}

/// <summary>An edit's answer: the site as stored now and what this edit changed (empty when it changed nothing).</summary>
public sealed record EditAnswer(OperatorSiteView Site, IReadOnlyList<FieldChange> Changes);

/// <summary>One audit entry as operators read it.</summary>
public sealed record AuditEntryView(DateTimeOffset At, string Who, AuditAction Action, IReadOnlyList<FieldChange> Changes, string? Reason, string? ImportId, string? CorrectionId)
{
    public static AuditEntryView Of(AuditEntry e) => new(e.At, e.Who, e.Action, e.Changes, e.Reason, e.ImportId, e.CorrectionId);
}
