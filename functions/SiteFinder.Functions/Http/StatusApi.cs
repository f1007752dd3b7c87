using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;

namespace SiteFinder.Functions.Http;

/// <summary>Site staff's one tap: report the queue. Authorised by the site's own staff token.</summary>
public sealed class StatusApi(CatalogueProvider catalogue, StaffReportService reports, ClientLimits limits)
{
    public const string TokenHeader = "x-staff-token";


    [Function("ReportStatus")]
    public async Task<IActionResult> Report(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "sites/{id:length(16)}/status")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (QueryParameters.RefuseAny(request.Query) is { } unknownParameters)
            return unknownParameters;
        var token = request.Headers[TokenHeader].ToString();
        if (string.IsNullOrEmpty(token))
            return Problems.Unauthorized($"{TokenHeader}: header required (the staff token issued for this site)");
        if (limits.AuthenticationRefusal(request) is { } throttled)
            return throttled;

        var (body, problem) = await JsonBody.ReadAsync(request, 4096, cancellationToken);
        if (problem is not null)
            return problem;

        var root = body!.Root;
        var level = body.String(root, "level", "level", 20, t => StaffReportInput.ParseLevel(t) is not null, "one of idle, normal, busy, paused");
        var input = new StaffReportInput(
            level is null ? null : StaffReportInput.ParseLevel(level),
            body.Int(root, "queueLength", "queueLength", 0, StaffReportInput.MaxQueueLength),
            body.Int(root, "openWindows", "openWindows", 1, StaffReportInput.MaxOpenWindows),
            body.String(root, "clientReportId", "clientReportId", StaffReportInput.MaxClientReportIdLength, StaffReportInput.IsWellFormedClientReportId, "1 to 64 letters, digits, '-' or '_'"));
        if (!body.HasErrors && input.Problem() is { } rule)
            body.Fail(rule.Field, rule.Message);
        if (body.HasErrors)
            return Problems.Validation(body.Errors);

        if ((await catalogue.FindSiteAsync(id, cancellationToken)).Problem is { } missing)
            return missing;

        if (await reports.SubmitAsync(id, token, input, cancellationToken) is not { } write)
        {
            limits.AuthenticationFailed(request);
            return Problems.Forbidden($"{TokenHeader}: not a valid token for site {id}");
        }

        if (write.Conflicting)
            return Problems.Conflict(StaffReportInput.ReusedIdMessage(input.ClientReportId!, write.Earlier));
        var stored = write.Report;
        var answer = new StatusReportAnswer(stored.ReportId, stored.ReceivedAt, write.Duplicate);
        return write.Duplicate ? ApiJson.Ok(answer) : ApiJson.Created(answer);
    }
}
