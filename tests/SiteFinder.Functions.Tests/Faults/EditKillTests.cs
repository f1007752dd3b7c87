using System.Net;
using System.Text;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// Storage SIGKILLed during a site edit, on an Azurite of this class's own: before its transaction
/// reached storage, or once storage had answered it (the operator's answer is lost either way). The
/// operator retries with the same If-Match: a 200 if the edit was not kept, a 412 if it was, and then
/// reads the site again. Either way the change is there once, with one audit entry.
/// </summary>
public sealed class EditKillTests(ITestOutputHelper output)
{
    private const string Phone = "021-11112222";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_edit_killed_midway_and_retried_with_the_same_version_is_applied_once_with_one_audit_entry(bool afterAnswer)
    {
        using var storage = new AzuriteProcess();
        await storage.StartAsync();
        var host = new FaultHost(storage);
        await host.InitializeAsync();
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await host.ImportCsvAsync(GeneratedList.Csv("ek", 2))).Response.StatusCode);
            var id = GeneratedList.Id("ek", 0);
            var (version, _) = await ReadAsync(host, id);
            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));

            host.Switch.Arm(1, afterAnswer);
            var (killed, problem) = await PatchAsync(host, id, version);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, killed.StatusCode);
            Assert.Equal("/api/problems/storage-unavailable", problem.GetProperty("type").GetString());
            Assert.NotNull(killed.Headers.RetryAfter?.Delta);

            await storage.StartAsync();
            HttpResponseMessage retried;
            for (var attempt = 1; ; attempt++)
            {
                (retried, _) = await PatchAsync(host, id, version);
                if (retried.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
                    break;
                await Task.Delay(retried.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }

            // 200: the first attempt was not kept, this one applied it. 412: it was kept; the operator reads the site.
            Assert.True(retried.StatusCode is HttpStatusCode.OK or HttpStatusCode.PreconditionFailed, $"retry answered {retried.StatusCode}");
            var (_, site) = await ReadAsync(host, id);
            Assert.Equal(Phone, site.GetProperty("phone").GetString());

            var (_, audit) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}/audit");
            var entries = audit.GetProperty("items").EnumerateArray().ToList();
            var edits = entries.Where(e => e.GetProperty("action").GetString() == "edit").ToList();
            var edit = Assert.Single(edits);
            Assert.Contains(edit.GetProperty("changes").EnumerateArray(), c => c.GetProperty("field").GetString() == "phone" && c.GetProperty("after").GetString() == Phone);
            Assert.Equal(2, entries.Count);
            Assert.Equal(2, (await host.StoredAuditAsync()).Count(a => a.SiteId == id));

            output.WriteLine($"Killed {(afterAnswer ? "after storage answered" : "before the transaction was sent")}: the retry answered {(int)retried.StatusCode}.");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<(string Version, JsonElement Site)> ReadAsync(FaultHost host, string id)
    {
        var (response, body) = await host.AdminAsync(HttpMethod.Get, $"manage/sites/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.ETag!.ToString(), body);
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> PatchAsync(FaultHost host, string id, string version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"manage/sites/{id}", UriKind.Relative));
        request.Content = new StringContent(JsonSerializer.Serialize(new { phone = Phone, reason = "故障测试" }), Encoding.UTF8, "application/merge-patch+json");
        request.Headers.Add("x-admin-key", LocalHostFixture.AdminKey);
        request.Headers.Add("x-functions-key", LocalHostFixture.FunctionKey);
        request.Headers.TryAddWithoutValidation("If-Match", version);
        var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }
}
