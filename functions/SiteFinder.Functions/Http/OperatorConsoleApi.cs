using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Hours;

namespace SiteFinder.Functions.Http;

/// <summary>
/// What the operator console (functions/pages/console) needs and no other endpoint says: who a key belongs
/// to, so that the page scopes itself to the key's district before a request is refused for it, and how a
/// text of opening hours reads, so that the edit form shows the parse while the operator types, before saving.
/// </summary>
public sealed class OperatorConsoleApi(OperatorAccess access)
{
    /// <summary>Longer than any hours text of the real lists (the longest is under 200 characters).</summary>
    public const int MaxHoursLength = 500;

    [Function("OperatorWhoAmI")]
    public async Task<IActionResult> WhoAmI(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/whoami")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;
        if (query.Refusal() is { } refusal)
            return refusal;

        var identity = auth.Identity;
        return ApiJson.Ok(new OperatorWhoAmI(identity.Name, identity.District, identity.KeyId, identity.IsCity));
    }

    [Function("ParseHours")]
    public async Task<IActionResult> ParseHours(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/hours/parse")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if (!auth.IsAllowed)
            return auth.Refusal;

        // Absent is the empty text (a form field cleared): it parses as "empty", as an edit clearing the hours would.
        var text = query.Text("text", MaxHoursLength) ?? string.Empty;
        if (query.Refusal() is { } refusal)
            return refusal;

        return ApiJson.Ok(SiteViewParts.WeeklyHours(OpeningHours.Parse(text)));
    }
}

/// <summary>The caller of an operator endpoint: the city (every district) or a district operator's key.</summary>
public sealed record OperatorWhoAmI(string Name, string? District, string? KeyId, bool City);
