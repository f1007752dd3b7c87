using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>What App Service passes through when it cannot resolve the Key Vault reference: the reference, as text.</summary>
public sealed class UnresolvedAdminKeyFixture : LocalHostFixture
{
    public const string Reference = "@Microsoft.KeyVault(SecretUri=https://x.vault.azure.net/secrets/admin)";

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["ADMIN_API_KEY"] = Reference };
}

public sealed class AdminKeyVaultReferenceTests(UnresolvedAdminKeyFixture host) : IClassFixture<UnresolvedAdminKeyFixture>
{
    [Fact]
    public async Task An_unresolved_key_vault_reference_is_not_a_key_the_admin_endpoints_answer_503()
    {
        var csv = Encoding.UTF8.GetBytes("source_id,name,address,district,lng,lat,coord_system,hours,type,notes\nkv:1,甲,乙,黄浦区,121.47,31.23,WGS-84,24小时,,\n");
        var (response, body) = await host.ImportAsync(csv, "text/csv", adminKey: UnresolvedAdminKeyFixture.Reference);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("/api/problems/admin-key-unavailable", body.GetProperty("type").GetString());
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("vault.azure.net", body.GetRawText(), StringComparison.Ordinal);

        var logged = Assert.Single(host.Logs.Entries, e => e.Category.EndsWith(".OperatorAccess", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains("ADMIN_API_KEY", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("vault.azure.net", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("@Microsoft.KeyVault", logged.Message, StringComparison.Ordinal);

        var (stale, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = "anything", ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stale.StatusCode);
    }

    [Fact]
    public async Task Operator_keys_do_not_depend_on_the_city_key_and_keep_working_while_it_is_unresolved()
    {
        // Issued straight through the store: with the city key unresolved, nobody can issue one over HTTP.
        var (_, key) = await host.App.Services.GetRequiredService<IOperatorKeyStore>().IssueAsync("黄浦区-张三", "黄浦区", CancellationToken.None);

        var (response, body) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = key, ["x-functions-key"] = LocalHostFixture.FunctionKey });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(JsonValueKind.Array, body.GetProperty("items").ValueKind);
    }
}
