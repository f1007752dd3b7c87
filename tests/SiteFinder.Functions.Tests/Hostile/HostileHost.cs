using System.Text;
using Azure.Data.Tables;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>
/// The local host with function keys enforced, four sites, a staff token, a district operator's key, a
/// pending correction and a staff report: something stored in every table a hostile request could touch.
/// </summary>
public sealed class HostileHost : StatusFixture
{
    public string StaffToken { get; private set; } = string.Empty;

    public string StaffTokenId { get; private set; } = string.Empty;

    public string OperatorKey { get; private set; } = string.Empty;

    public string OperatorKeyId { get; private set; } = string.Empty;

    public string CorrectionId { get; private set; } = string.Empty;

    public string SiteVersion { get; private set; } = string.Empty;

    /// <summary>The slowest row so far and its time, for the test output.</summary>
    public (string Row, TimeSpan Elapsed) Slowest { get; set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (issued, token) = await AdminAsync(HttpMethod.Post, $"manage/sites/{A}/tokens");
        issued.EnsureSuccessStatusCode();
        StaffToken = token.GetProperty("token").GetString()!;
        StaffTokenId = token.GetProperty("tokenId").GetString()!;

        var (keyIssued, key) = await AdminAsync(HttpMethod.Post, "manage/operators", new { name = "金山区卫健委", district = "金山区" });
        keyIssued.EnsureSuccessStatusCode();
        OperatorKey = key.GetProperty("key").GetString()!;
        OperatorKeyId = key.GetProperty("keyId").GetString()!;

        var (submitted, correction) = await SendAsync(HttpMethod.Post, $"sites/{A}/corrections", new { kind = "closed", text = "今天没开门" });
        submitted.EnsureSuccessStatusCode();
        CorrectionId = correction.GetProperty("id").GetString()!;

        (await ReportAsync(A, StaffToken, new { queueLength = 12, openWindows = 2, clientReportId = "hostile-seed" })).Response.EnsureSuccessStatusCode();

        var (site, _) = await AdminAsync(HttpMethod.Get, $"manage/sites/{A}");
        site.EnsureSuccessStatusCode();
        SiteVersion = site.Headers.ETag!.ToString();
    }

    /// <summary>Every row of every table of this host, with its ETag: any write shows as a difference.</summary>
    public async Task<IReadOnlyList<string>> StoredAsync()
    {
        var rows = new List<string>();
        foreach (var (purpose, name) in Tables.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            try
            {
                await foreach (var entity in Azurite.Service.GetTableClient(name).QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
                    rows.Add($"{purpose}|{entity.PartitionKey}|{entity.RowKey}|{entity.ETag}");
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                rows.Add($"{purpose}: no table");
            }
        }

        return rows;
    }

    /// <summary>The row's request as bytes: placeholders filled, credentials added, the body's length declared.</summary>
    public byte[] Head(BadRequest row, string clientAddress)
    {
        ArgumentNullException.ThrowIfNull(row);
        var head = new StringBuilder($"{row.Method} /api/{Fill(row.Target)} HTTP/1.1\r\n");
        head.Append("X-Forwarded-For: ").Append(clientAddress).Append("\r\n");
        switch (row.Credentials)
        {
            case Credentials.City:
                head.Append($"x-functions-key: {FunctionKey}\r\nx-admin-key: {AdminKey}\r\n");
                break;
            case Credentials.JinshanOperator:
                head.Append($"x-functions-key: {FunctionKey}\r\nx-admin-key: {OperatorKey}\r\n");
                break;
            case Credentials.FunctionKeyOnly:
                head.Append($"x-functions-key: {FunctionKey}\r\n");
                break;
            case Credentials.Staff:
                head.Append($"x-staff-token: {StaffToken}\r\n");
                break;
        }

        foreach (var header in row.Headers)
            head.Append(Fill(header)).Append("\r\n");
        if (row.Body is not null || row.DeclaredLength is not null)
            head.Append("Content-Type: ").Append(row.ContentType ?? "application/json").Append("\r\n");
        if (row.DeclaredLength is { } declared)
            head.Append("Content-Length: ").Append(declared).Append("\r\n");
        return Encoding.UTF8.GetBytes(head.ToString());
    }

    /// <summary>The body with its placeholders filled when it is UTF-8 text that has any; other bytes as they are.</summary>
    public byte[]? Fill(byte[]? body)
    {
        if (body is null || !System.Text.Unicode.Utf8.IsValid(body) || body.Length > 1_000_000)
            return body;
        var text = Encoding.UTF8.GetString(body);
        return text.Contains("{A}", StringComparison.Ordinal) || text.Contains("{B}", StringComparison.Ordinal) ? Encoding.UTF8.GetBytes(Fill(text)) : body;
    }

    private string Fill(string text) => text
        .Replace("{A}", A, StringComparison.Ordinal)
        .Replace("{B}", B, StringComparison.Ordinal)
        .Replace("{token}", StaffTokenId, StringComparison.Ordinal)
        .Replace("{operator}", OperatorKeyId, StringComparison.Ordinal)
        .Replace("{correction}", CorrectionId, StringComparison.Ordinal)
        .Replace("{etag}", SiteVersion, StringComparison.Ordinal)
        .Replace("{adminKey}", AdminKey, StringComparison.Ordinal);
}
