using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using SiteFinder.Domain.Operators;
using SiteFinder.Functions.Storage;

namespace SiteFinder.Functions.Http;

/// <summary>The city's management of district operators' keys: issue (shown once), list (never secrets), revoke. City key only.</summary>
public sealed class OperatorKeysApi(OperatorAccess access, IOperatorKeyStore keys)
{
    /// <summary>A name and a district of at most 100 characters each, even \u-escaped, fit with room to spare.</summary>
    private const int MaxBodyBytes = 4 * 1024;

    [Function("IssueOperatorKey")]
    public async Task<IActionResult> Issue(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "manage/operators")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((auth.RequireCity("Issuing operator keys") ?? query.Refusal()) is { } refusal)
            return refusal;

        var (body, problem) = await JsonBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (problem is not null)
            return problem;
        var name = Field(body!, "name");
        var district = Field(body!, "district");
        if (body!.HasErrors || name is null || district is null)
            return Problems.Validation(body.Errors);

        var (info, key) = await keys.IssueAsync(name, district, cancellationToken);
        return ApiJson.Created(new IssuedOperatorKey(info.KeyId, info.Name, info.District, info.IssuedAt, key));
    }

    [Function("ListOperatorKeys")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "manage/operators")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((auth.RequireCity("Listing operator keys") ?? query.Refusal()) is { } refusal)
            return refusal;

        return ApiJson.Ok(new ListPage<OperatorKeyInfo>(await keys.ListAsync(cancellationToken)));
    }

    [Function("RevokeOperatorKey")]
    public async Task<IActionResult> Revoke(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "manage/operators/{keyId:maxlength(12)}")] HttpRequest request,
        string keyId,
        CancellationToken cancellationToken)
    {
        var (auth, query) = await access.AdmitAsync(request, cancellationToken);
        if ((auth.RequireCity("Revoking operator keys") ?? query.Refusal()) is { } refusal)
            return refusal;
        if (!OperatorKeys.IsWellFormedId(keyId))
            return Problems.Field("keyId", "a key id is 12 lowercase hex digits");

        return await keys.RevokeAsync(keyId, cancellationToken)
            ? new NoContentResult()
            : Problems.NotFound($"No operator key '{keyId}'.");
    }

    /// <summary>A required text field, trimmed, by the domain's rule; null (and the field failed) otherwise.</summary>
    private static string? Field(JsonBody body, string field)
    {
        if (!body.Root.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            body.Fail(field, "required");
            return null;
        }

        // Untrimmed text may be a little longer than the limit; the domain rule decides on the trimmed value.
        if (body.String(body.Root, field, field, 4 * OperatorKeyFields.MaxLength, rule: $"a text of 1 to {OperatorKeyFields.MaxLength} characters") is not { } text)
            return null;

        var (trimmed, problem) = OperatorKeyFields.Read(text);
        if (problem is not null)
            body.Fail(field, problem);
        return trimmed;
    }
}
