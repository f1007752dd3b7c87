using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Corrections;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Corrections;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>Residents correct a site; district operators moderate the queue.</summary>
public sealed class CorrectionsApi(OperatorAccess access, CatalogueProvider catalogue, CorrectionService corrections, CorrectionLimits limits)
{
    /// <summary>300 characters of Chinese, a location and the framing fit easily; more is not a correction.</summary>
    public const int MaxBodyBytes = 4 * 1024;

    public const int MaxListed = 500;

    /// <summary>A resident says what is wrong: 202 with the correction's id; an operator decides later.</summary>
    [Function("SubmitCorrection")]
    public async Task<IActionResult> Submit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sites/{id:length(16)}/corrections")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryParameters.RefuseAny(request.Query) is { } unknownParameters)
            return unknownParameters;
        var (body, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
            return problem;

        var root = body!.Root;
        foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("kind" or "text" or "location")))
            body.Fail(property.Name, "not a field of a correction; the fields are kind, text and location");
        var kind = body.String(root, "kind", "kind", 40);
        var text = body.String(root, "text", "text", CorrectionRules.MaxTextLength * 2);
        (double, double, string?)? location = null;
        if (root.TryGetProperty("location", out var point) && point.ValueKind != JsonValueKind.Null)
        {
            if (point.ValueKind == JsonValueKind.Object &&
                point.TryGetProperty("lat", out var lat) && lat.TryGetDouble(out var la) &&
                point.TryGetProperty("lng", out var lng) && lng.TryGetDouble(out var lo))
                location = (la, lo, body.String(point, "coord", "location.coord", 20));
            else
                body.Fail("location", "an object {\"lat\", \"lng\", \"coord\"} with finite numbers");
        }

        var checkedInput = CorrectionRules.Validate(kind, text, location);
        foreach (var (field, message) in checkedInput.Errors.Where(e => !body.Errors.ContainsKey(e.Key)))
            body.Fail(field, message);
        if (body.HasErrors)
            return Problems.Validation(body.Errors);

        var (site, _, missing) = await catalogue.FindSiteAsync(id, cancellationToken);
        if (missing is not null)
            return missing;
        var client = ClientAddress.Of(request);
        if (limits.Refusal(client, id) is { } wait)
            return Problems.TooManyRequests("Too many corrections from this address or for this site; try again later.", wait);

        var stored = await corrections.SubmitAsync(site!, checkedInput.Kind, checkedInput.Text, checkedInput.Location, client, cancellationToken);
        return new ObjectResult(new CorrectionReceipt(stored.Id, stored.SiteId, stored.Kind.ToLabel(), stored.ReceivedAt)) { StatusCode = 202 };
    }

    /// <summary>The moderation queue: pending corrections grouped by site and kind (or, with state, the decided ones).</summary>
    [Function("ListCorrections")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/corrections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;
        var who = auth.Identity;

        var district = query.Text("district");
        var state = query.Enum<CorrectionState>("state") ?? CorrectionState.Pending;
        var kindText = query.Text("kind", 40);
        CorrectionKind? kind = null;
        if (kindText is not null)
        {
            if (CorrectionKinds.TryParse(kindText, out var k))
                kind = k;
            else
                query.Fail("kind", "one of " + string.Join(", ", CorrectionKinds.Labels));
        }

        var siteId = query.Text("siteId", 16);
        if (siteId is not null && !SiteIds.IsWellFormed(siteId))
            query.Fail("siteId", "a site id is 16 lowercase hex digits");
        if (district is not null && !who.MayManage(district))
            query.Fail("district", $"your key manages {who.District} only");
        if (query.Refusal() is { } badQuery)
            return badQuery;

        var items = await corrections.ListAsync(new CorrectionFilter(who.District ?? district, state, kind, siteId), MaxListed, cancellationToken);
        var groups = CorrectionRules.Group(items).Select(CorrectionGroupView.Of).ToArray();
        return ApiJson.Ok(new ListPage<CorrectionGroupView>(groups) { Extra = new() { ["state"] = state, ["corrections"] = items.Count } });
    }

    [Function("AcceptCorrection")]
    public Task<IActionResult> Accept(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/corrections/{id:maxlength(12)}/accept")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => DecideAsync(request, id, accept: true, cancellationToken);

    [Function("RejectCorrection")]
    public Task<IActionResult> Reject(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/corrections/{id:maxlength(12)}/reject")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) => DecideAsync(request, id, accept: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(HttpRequest request, string id, bool accept, CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;
        if (query.Refusal() is { } badQuery)
            return badQuery;
        var who = auth.Identity;
        if (!TableCorrectionStore.IsWellFormedId(id))
            return Problems.Field("id", "a correction id is 12 lowercase hex digits");

        var (body, problem) = request.ContentLength is 0 or null && !request.Headers.ContentType.Any()
            ? (JsonBody.Of(JsonDocument.Parse("{}").RootElement.Clone()), null)
            : await JsonBody.ReadAsync(request, SiteEditApi.MaxEditBytes, cancellationToken);
        if (problem is not null)
            return problem;

        var reason = body!.String(body.Root, "reason", "reason", SiteEditor.MaxStateReasonLength);
        if (!accept && reason is null && !body.Errors.ContainsKey("reason"))
            body.Fail("reason", "required: say why, for the audit and for the next operator");
        SitePatch? patch = null;
        if (body.Root.TryGetProperty("change", out var change))
            patch = SitePatchJson.Read(change, body, "change.", withReason: false).Patch;
        foreach (var property in body.Root.EnumerateObject().Where(p => p.Name is not ("reason" or "change")))
            body.Fail(property.Name, "not a field of a decision; the fields are reason and change (the site fields to apply)");
        if (body.HasErrors)
            return Problems.Validation(body.Errors);

        // The operator's own values need the version they were typed against, as any edit does.
        var version = request.Headers.IfMatch.ToString().Trim();
        if (accept && patch is { IsEmpty: false } && (version.Length == 0 || version == "*"))
            return Problems.PreconditionRequired("If-Match: accepting with a change needs the ETag of the site version you read (GET manage/sites/{id}), so that it never overwrites a change you have not seen");

        var outcome = await corrections.DecideAsync(id, accept, reason, patch, version.Length == 0 ? null : version, who, cancellationToken);
        return outcome switch
        {
            DecisionOutcome.Decided decided => ApiJson.Ok(new CorrectionDecision(
                decided.Corrections.Count,
                accept ? CorrectionState.Accepted : CorrectionState.Rejected,
                [.. decided.Corrections.Select(c => c.Id)],
                (decided.Edit as EditOutcome.Edited)?.Changes)),
            DecisionOutcome.NotFound => Problems.NotFound($"No correction '{id}'" + (who.District is null ? "." : $" in {who.District}.")),
            DecisionOutcome.OutOfScope scope => Problems.OutOfDistrict(who, scope.District),
            DecisionOutcome.AlreadyDecided already => Problems.Conflict($"The correction was already {already.Correction.State.ToString().ToLowerInvariant()} by {already.Correction.DecidedBy} at {already.Correction.DecidedAt?.ToString("u", CultureInfo.InvariantCulture)}."),
            DecisionOutcome.EditRefused refused => refused.Edit switch
            {
                EditOutcome.Invalid invalid => Problems.Validation(invalid.Errors.ToDictionary(e => "change." + e.Key, e => new[] { e.Value })),
                EditOutcome.OutOfScope scope => Problems.OutOfDistrict(who, scope.District),
                EditOutcome.Stale stale => Problems.PreconditionFailed(stale.Current.Version, new { stale.Current.Record.Id, stale.Current.Record.Name }),
                _ => Problems.NotFound("The corrected site no longer exists."),
            },
            _ => throw new InvalidOperationException($"Unmapped decision outcome {outcome.GetType().Name}"),
        };
    }
}

/// <summary>The corrections of one site and kind, as an operator decides them: how many, from how many residents, the newest first.</summary>
public sealed record CorrectionGroupView(string SiteId, string District, string Kind, int Count, int Residents, DateTimeOffset First, DateTimeOffset Latest, IReadOnlyList<CorrectionView> Items)
{
    public static CorrectionGroupView Of(CorrectionGroup g) =>
        new(g.SiteId, g.District, g.Kind.ToLabel(), g.Count, g.Clients, g.First, g.Latest, [.. g.Items.Select(CorrectionView.Of)]);
}

public sealed record CorrectionView(string Id, string Kind, string? Text, LocationView? Location, DateTimeOffset ReceivedAt, CorrectionState State, DateTimeOffset? DecidedAt, string? DecidedBy, string? Decision)
{
    public static CorrectionView Of(Correction c) => new(
        c.Id,
        c.Kind.ToLabel(),
        c.Text,
        c.Location is { } p ? new LocationView(p.Point.Lat, p.Point.Lng, p.System.ToLabel()) : null,
        c.ReceivedAt,
        c.State,
        c.DecidedAt,
        c.DecidedBy,
        c.Decision);
}
