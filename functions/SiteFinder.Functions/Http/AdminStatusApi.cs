using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>District operators' status tools: scan-system throughput, staff tokens, stale sites. A district operator's key acts on its district's sites only.</summary>
public sealed class AdminStatusApi(OperatorAccess access, CatalogueProvider catalogue, StatusProvider statuses, IStatusInputStore inputs, IStaffTokenStore tokens, TimeProvider clock)
{
    /// <summary>Batches of (site, UTC minute, samples taken) from scan systems; idempotent per (site, minute).</summary>
    [Function("RecordThroughput")]
    public async Task<IActionResult> Throughput(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/throughput")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;
        if (query.Refusal() is { } badQuery)
            return badQuery;

        var (body, problem) = await JsonBody.ReadAsync(request, 256 * 1024, cancellationToken);
        if (problem is not null)
            return problem;
        if (!body!.Root.TryGetProperty("counts", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() is 0 or > ThroughputBatch.MaxCounts)
            return Problems.Field("counts", $"an array of 1 to {ThroughputBatch.MaxCounts} counts is required");
        if (await catalogue.GetAsync(cancellationToken) is not { } current)
            return Problems.CatalogueUnavailable();

        var now = clock.GetUtcNow();
        var counts = new List<ThroughputCount>();
        var outside = new SortedSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"counts[{i++}]");
            if (item.ValueKind != JsonValueKind.Object)
            {
                body.Fail(path, "must be an object");
                continue;
            }

            foreach (var required in new[] { "siteId", "minute", "samples" }.Where(name => !item.TryGetProperty(name, out _)))
                body.Fail($"{path}.{required}", "required");

            var siteId = body.String(item, "siteId", path + ".siteId", 16, SiteIds.IsWellFormed, "a site id (16 lowercase hex digits)");
            var minuteText = body.String(item, "minute", path + ".minute", 40);
            var samples = body.Int(item, "samples", path + ".samples", 0, ThroughputBatch.MaxSamples);
            var site = siteId is null ? null : current.Catalogue.Find(siteId);
            if (siteId is not null && site is null)
            {
                body.Fail(path + ".siteId", "no such site");
                continue;
            }

            if (site is not null && !auth.Identity.MayManage(site.District))
                outside.Add(site.Id);

            if (minuteText is null || !DateTimeOffset.TryParse(minuteText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var minute) ||
                !ThroughputBatch.IsCountableMinute(minute, now))
            {
                if (minuteText is not null)
                    body.Fail(path + ".minute", "a whole minute in ISO 8601 within the last 24 hours, e.g. 2022-04-28T08:15:00Z");
                continue;
            }

            if (siteId is null || samples is null)
                continue;

            counts.Add(new ThroughputCount(siteId, minute.ToUniversalTime(), samples.Value));
        }

        if (body.HasErrors)
            return Problems.Validation(body.Errors);

        // The whole batch or none of it: a scan system sending other districts' counts is misconfigured, and half a batch would hide it.
        if (outside.Count > 0)
            return Problems.OutsideScope($"{outside.Count} site(s) of the batch are outside {auth.Identity.District}: {string.Join(", ", outside)}; nothing was recorded.", auth.Identity.District!, [.. outside]);

        var distinct = ThroughputBatch.LastWins(counts);
        await inputs.AddThroughputAsync(distinct, cancellationToken);
        return ApiJson.Ok(new ThroughputAnswer(distinct.Count, counts.Count - distinct.Count));
    }

    /// <summary>Issues a staff token for a site (shown once). With rotate=true every earlier token of the site is revoked.</summary>
    [Function("IssueStaffToken")]
    public async Task<IActionResult> IssueToken(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/sites/{id:length(16)}/tokens")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        var rotate = query.Bool("rotate");
        if ((await RefuseAsync(auth, id, cancellationToken) ?? query.Refusal()) is { } refusal)
            return refusal;

        var (info, token) = await tokens.IssueAsync(id, rotate, StatusSource.Staff, cancellationToken);
        return ApiJson.Created(new IssuedStaffToken(id, info.TokenId, token, info.IssuedAt, rotate));
    }

    [Function("ListStaffTokens")]
    public async Task<IActionResult> ListTokens(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/sites/{id:length(16)}/tokens")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((await RefuseAsync(auth, id, cancellationToken) ?? query.Refusal()) is { } refusal)
            return refusal;

        var items = await tokens.ListAsync(id, cancellationToken);
        return ApiJson.Ok(new ListPage<StaffTokenInfo>(items));
    }

    [Function("RevokeStaffToken")]
    public async Task<IActionResult> RevokeToken(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/sites/{id:length(16)}/tokens/{tokenId:maxlength(12)}")] HttpRequest request,
        string id,
        string tokenId,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((await RefuseAsync(auth, id, cancellationToken) ?? query.Refusal()) is { } refusal)
            return refusal;
        if (!StaffTokens.IsWellFormedId(tokenId))
            return Problems.Field("tokenId", "a token id is 12 lowercase hex digits");

        return await tokens.RevokeAsync(id, tokenId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound($"No token '{tokenId}' for site {id}.");
    }

    /// <summary>Sites open now with no report within the TTL, oldest first: where district operators should call.</summary>
    [Function("StaleSites")]
    public async Task<IActionResult> Stale(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/stale")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;

        var district = query.Text("district");
        if (query.Refusal() is { } badQuery)
            return badQuery;

        // A district operator's list is their district's unless they ask for another, which they may not see.
        district ??= auth.Identity.District;
        if (district is not null && !auth.Identity.MayManage(district))
            return Problems.OutsideScope($"district: {district} is not this key's district; it manages {auth.Identity.District} only.", auth.Identity.District!);

        if (await catalogue.GetAsync(cancellationToken) is not { } current)
            return Problems.CatalogueUnavailable();

        var now = clock.GetUtcNow();
        var board = await statuses.GetAsync(cancellationToken) ?? statuses.Current;
        var items = current.Catalogue.Stale(now, board, district)
            .Select(s => new StaleSiteView(s.Site.Id, s.Site.Name, s.Site.District, s.Site.Phone, s.LastReportedAt, s.LastReportedAt is { } at ? (int)(now - at).TotalMinutes : null, s.Reason))
            .ToArray();
        return ApiJson.Ok(new ListPage<StaleSiteView>(items) { Extra = new() { ["ttlMinutes"] = board.Options.TtlMinutes } });
    }

    /// <summary>Null when the caller may manage the site's tokens: a known key, a known site, of the key's district.</summary>
    private async Task<IActionResult?> RefuseAsync(OperatorAuthorization auth, string id, CancellationToken cancellationToken)
    {
        if (!auth.IsAllowed)
            return auth.Refusal;

        var (site, _, problem) = await catalogue.FindSiteAsync(id, cancellationToken);
        return problem ?? auth.RequireDistrict(site!.District, $"Site {id}");
    }
}

/// <summary>A site an operator should call: open now and silent for longer than the TTL, or said to be closed by residents (first).</summary>
public sealed record StaleSiteView(string Id, string Name, string District, string? Phone, DateTimeOffset? LastReportedAt, int? MinutesSinceReport, StaleReason Reason);
