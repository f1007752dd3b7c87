using SiteFinder.Domain.Status;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Status;

/// <summary>
/// A staff report from its token to storage: the one way a report made with a staff token is taken,
/// by the report endpoint and by the demo feeder alike. The token must be valid for the site, and the
/// report is stored under the token's id and its source (staff, or demo for the demo feeder's tokens),
/// so the label comes from what was issued, not from what the sender says.
/// </summary>
public sealed class StaffReportService(IStaffTokenStore tokens, IStatusInputStore inputs, TimeProvider clock)
{
    /// <summary>The write (stored, a retry, or a conflicting reuse of the client id); null when the token is not valid for the site.</summary>
    public async Task<ReportWrite?> SubmitAsync(string siteId, string token, StaffReportInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Problem() is { } problem)
            throw new ArgumentException($"Not a report: {problem.Field} {problem.Message}", nameof(input));

        if (await tokens.VerifyAsync(siteId, token, cancellationToken) is not { } match)
            return null;

        var report = input.ToReport(siteId, match.TokenId, clock.GetUtcNow(), match.Source);
        return await inputs.AddReportAsync(report, input.ClientReportId, cancellationToken);
    }
}
