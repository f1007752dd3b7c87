using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Catalogue;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>Site staff's one tap: report the queue. Authorised by the site's own staff token.</summary>
public sealed class StatusApi(CatalogueProvider catalogue, IStaffTokenStore tokens, IStatusInputStore inputs, TimeProvider clock)
{
    public const string TokenHeader = "x-staff-token";

    private static readonly string[] ReportableLevels = ["idle", "normal", "busy", "paused"];

    [Function("ReportStatus")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sites/{id:length(16)}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(token))
            return Problems.Unauthorized($"{TokenHeader}: header required (the staff token issued for this site)");

        var (body, problem) = await JsonBody.ReadAsync(request, 4096, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
            return problem;

        var root = body!.Root;
        var levelText = body.String(root, "level", "level", 20, t => ReportableLevels.Contains(t, StringComparer.OrdinalIgnoreCase), "one of idle, normal, busy, paused");
        var queue = body.Int(root, "queueLength", "queueLength", 0, 10_000);
        var windows = body.Int(root, "openWindows", "openWindows", 1, 100);
        var clientReportId = body.String(root, "clientReportId", "clientReportId", 64, t => t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), "1 to 64 letters, digits, '-' or '_'");
        if (!body.HasErrors)
        {
            if (levelText is not null && (queue is not null || windows is not null))
                body.Fail("level", "give either a level or queueLength with openWindows, not both");
            else if (levelText is null && queue is null)
                body.Fail("queueLength", "required unless a level is given");
            else if (levelText is null && windows is null)
                body.Fail("openWindows", "required with queueLength");
        }

        if (body.HasErrors)
            return Problems.Validation(body.Errors);

        if ((await catalogue.FindSiteAsync(id, cancellationToken).ConfigureAwait(false)).Problem is { } missing)
            return missing;

        var tokenId = await tokens.VerifyAsync(id, token, cancellationToken).ConfigureAwait(false);
        if (tokenId is null)
            return Problems.Forbidden($"{TokenHeader}: not a valid token for site {id}");

        var report = new StatusReport
        {
            SiteId = id,
            ReportId = TableStatusInputStore.ReportIdFor(id, tokenId, clientReportId),
            ReceivedAt = clock.GetUtcNow(),
            Source = "staff",
            Reporter = tokenId,
            Level = levelText is null ? null : Enum.Parse<BusyLevel>(levelText, ignoreCase: true),
            QueueLength = queue,
            OpenWindows = windows,
        };
        var write = await inputs.AddReportAsync(report, clientReportId, cancellationToken).ConfigureAwait(false);
        var stored = write.Report;
        var answer = new { reportId = stored.ReportId, receivedAt = stored.ReceivedAt, duplicate = write.Duplicate };
        return write.Duplicate ? ApiJson.Ok(answer) : ApiJson.Created(answer);
    }
}
