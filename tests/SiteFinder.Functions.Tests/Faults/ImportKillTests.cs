using System.Net;
using System.Text;
using System.Text.Json;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Tests;
using Xunit.Abstractions;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// Storage SIGKILLed in the middle of an import, on an Azurite of this class's own, then started
/// again on the same data folder; the operator sends the same file again, as the 503 tells them to.
/// The import finishes, no site is lost or doubled, every site has the one audit entry of the write
/// that added it, and the second report names, as unchanged, the sites the first attempt had written.
/// </summary>
public sealed class ImportKillTests(ITestOutputHelper output)
{
    /// <summary>The kill lands at this transaction of 20 sites (each with its audit entry), 8 in flight at a time.</summary>
    private const int KillAtTransaction = 20;

    [Fact]
    public Task A_generated_list_of_1500_sites_killed_midway_finishes_when_sent_again() =>
        KillAndResendAsync(Encoding.UTF8.GetBytes(GeneratedList.Csv("fi", 1500)));

    [RealDataFact]
    public Task The_Dalian_list_killed_midway_finishes_when_sent_again() =>
        KillAndResendAsync(File.ReadAllBytes(RealData.PathOf(RealData.DalianSites)));

    private async Task KillAndResendAsync(byte[] file)
    {
        using var storage = new AzuriteProcess();
        await storage.StartAsync();
        var host = new FaultHost(storage);
        await host.InitializeAsync();
        try
        {
            // What the file makes of an empty city: the sites a finished import must hold, no more, no fewer.
            var (dry, dryBody) = await host.ImportAsync(file, "text/csv", query: "?dryRun=true");
            Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
            var expected = Ids(dryBody, "added");
            Assert.NotEmpty(expected);
            await Task.Delay(AzuriteProcess.PersistInterval + TimeSpan.FromSeconds(1));

            host.Switch.Arm(KillAtTransaction, afterAnswer: false);
            var (first, firstBody) = await host.ImportAsync(file, "text/csv");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
            Assert.Equal("/api/problems/storage-unavailable", firstBody.GetProperty("type").GetString());
            Assert.NotNull(first.Headers.RetryAfter?.Delta);

            await storage.StartAsync();
            var kept = (await host.StoredSiteIdsAsync()).ToHashSet(StringComparer.Ordinal);
            Assert.Subset(expected, kept);
            Assert.InRange(kept.Count, 1, expected.Count - 1);

            // The operator sends the same file again, waiting as Retry-After says while the instance reconnects.
            var (second, secondBody) = await ResendAsync(host, file);
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);

            var stored = await host.StoredSiteIdsAsync();
            Assert.Equal(stored.Count, stored.Distinct(StringComparer.Ordinal).Count());
            Assert.Equal(expected, stored.ToHashSet(StringComparer.Ordinal));

            // The report says what the first attempt had written: those sites are unchanged, the rest added.
            Assert.Equal(kept, Ids(secondBody, "unchanged"));
            Assert.Equal(expected.Except(kept).ToHashSet(StringComparer.Ordinal), Ids(secondBody, "added"));
            Assert.Empty(secondBody.GetProperty("changes").GetProperty("updated").EnumerateArray());

            // One audit entry per site written, by the attempt that wrote it; none for the unchanged ones.
            var audit = await host.StoredAuditAsync();
            Assert.Equal(expected, audit.Select(a => a.SiteId).ToHashSet(StringComparer.Ordinal));
            Assert.Equal(expected.Count, audit.Count);
            var secondImport = secondBody.GetProperty("importId").GetString();
            Assert.All(audit.Where(a => !kept.Contains(a.SiteId)), a => Assert.Equal(secondImport, a.ImportId));
            Assert.All(audit.Where(a => kept.Contains(a.SiteId)), a => Assert.NotEqual(secondImport, a.ImportId));

            // Residents are served every site: the districts' figures add up to the file's sites.
            var (_, districts) = await host.GetAsync("districts");
            Assert.Equal(expected.Count, districts.GetProperty("items").EnumerateArray().Sum(d => d.GetProperty("sites").GetInt32()));

            output.WriteLine($"{expected.Count} sites: the killed attempt left {kept.Count}; the second added {expected.Count - kept.Count} and named {kept.Count} unchanged.");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<(HttpResponseMessage Response, JsonElement Body)> ResendAsync(FaultHost host, byte[] file)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (response, body) = await host.ImportAsync(file, "text/csv");
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 10)
                return (response, body);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private static HashSet<string> Ids(JsonElement report, string kind) =>
        report.GetProperty("changes").GetProperty(kind).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet(StringComparer.Ordinal);
}
