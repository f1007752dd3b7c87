using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Functions.Tests.Infrastructure;
using SiteFinder.Functions.Tests.Planning;

namespace SiteFinder.Functions.Tests.Pages;

/// <summary>
/// The local host with a handful of sites around People's Square (WGS-84), two of them with a staff report
/// aggregated so that the page has levels to show. On the real clock: the page words a status's age
/// against the browser's clock, which a manual server clock would put years apart.
/// </summary>
public sealed class ResidentPageFixture : LocalHostFixture
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    /// <summary>Where the resident stands: People's Square, in WGS-84 as the browser's geolocation gives it.</summary>
    public const double Lat = 31.2304;
    public const double Lng = 121.4737;

    public static readonly string Idle = SiteIds.FromSourceId("rp:1");
    public static readonly string Busy = SiteIds.FromSourceId("rp:2");
    public static readonly string Mobile = SiteIds.FromSourceId("rp:3");
    public static readonly string SupplyChain = SiteIds.FromSourceId("rp:4");
    public static readonly string UnknownHours = SiteIds.FromSourceId("rp:5");
    public static readonly string Hostile = SiteIds.FromSourceId("rp:6");
    public static readonly string Closed = SiteIds.FromSourceId("rp:7");
    public static readonly string Suspended = SiteIds.FromSourceId("rp:8");

    /// <summary>A site name as an attacker (or a careless import) could write it: markup, and every character a navigation link's query treats as syntax.</summary>
    public const string HostileName = "<img src=x onerror=alert(1)>&dname=x#|name:y";
    public const string HostileAddress = "<b>黄浦区</b><script>alert(2)</script>九江路1号";
    public const string ClosedReason = "已撤点，请前往人民广场固定采样点";
    public const string SuspendedReason = "消毒，暂停采样";

    /// <summary>A fixed site reported idle, a convenience site reported busy, a mobile one, one for supply-chain workers, one whose hours cannot be read.</summary>
    public const string SitesCsv = Header +
        "rp:1,人民广场固定采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2310,WGS-84,24小时,固定,\n" +
        "rp:2,南京东路便民采样点,黄浦区南京东路100号,黄浦区,121.4800,31.2350,WGS-84,24小时,便民,\n" +
        "rp:3,西藏中路流动采样车,黄浦区西藏中路1号,黄浦区,121.4760,31.2280,WGS-84,24小时,流动,\n" +
        "rp:4,物流园供应链采样点,静安区共和新路1号,静安区,121.4600,31.2420,WGS-84,24小时,供应链,\n" +
        "rp:5,福州路采样点,黄浦区福州路500号,黄浦区,121.4700,31.2330,WGS-84,无法解析的时间,固定,\n" +
        "rp:6," + HostileName + "," + HostileAddress + ",黄浦区,121.4745,31.2320,WGS-84,24小时,便民,\n" +
        "rp:7,汉口路采样点（已撤）,黄浦区汉口路1号,黄浦区,121.4750,31.2340,WGS-84,24小时,便民,\n" +
        "rp:8,九江路采样点,黄浦区九江路300号,黄浦区,121.4770,31.2330,WGS-84,24小时,便民,\n";

    /// <summary>黄浦区 as a box around the sites (WGS-84), its south edge given vertex by vertex as a surveyed boundary would be.</summary>
    public static string DistrictsGeoJson { get; } = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"黄浦区\"}," +
        "\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[" +
        string.Join(",", Enumerable.Range(0, 41).Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{121.455 + (0.035 * i / 40):F6},31.220]")).Concat(["[121.490,31.245]", "[121.455,31.245]", "[121.455,31.220]"])) +
        "]]}}]}";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (imported, _) = await ImportCsvAsync(SitesCsv);
        imported.EnsureSuccessStatusCode();
        var (bounded, _) = await this.UploadAsync("manage/planning/districts", DistrictsGeoJson, "application/geo+json");
        bounded.EnsureSuccessStatusCode();
        await EditAsync(Closed, new { state = "closed", stateReason = ClosedReason });
        await EditAsync(Suspended, new { state = "suspended", stateReason = SuspendedReason });
        await LoadCatalogueAsync();

        await ReportAsync(Idle, new { level = "idle" });
        await ReportAsync(Busy, new { level = "busy" });
        // As the timer would; this instance then serves the new board at once.
        await App.Services.GetRequiredService<StatusAggregator>().RunAsync(CancellationToken.None);
    }

    /// <summary>
    /// Until this instance serves the imported sites: on a loaded machine a refresh can time out against the
    /// shared Azurite and keep the previous (empty) catalogue, as it would in Azure until the next refresh.
    /// </summary>
    private async Task LoadCatalogueAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            await App.Services.GetRequiredService<CatalogueProvider>().RefreshAsync(CancellationToken.None);
            var (site, _) = await GetAsync($"sites/{Idle}");
            if (site.StatusCode == System.Net.HttpStatusCode.OK)
                return;
            if (attempt == 20)
                throw new InvalidOperationException($"the imported sites were not served after {attempt} refreshes: {site.StatusCode}");
            await Task.Delay(500);
        }
    }

    /// <summary>An operator's edit of a site, on the version just read.</summary>
    private async Task EditAsync(string siteId, object patch)
    {
        var (read, _) = await RetryUnavailableAsync(() => AdminAsync(HttpMethod.Get, $"manage/sites/{siteId}"));
        read.EnsureSuccessStatusCode();
        var version = read.Headers.ETag!.ToString();
        var (edited, _) = await RetryUnavailableAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri($"manage/sites/{siteId}", UriKind.Relative));
            request.Content = new StringContent(System.Text.Json.JsonSerializer.Serialize(patch), System.Text.Encoding.UTF8, "application/merge-patch+json");
            request.Headers.Add("x-admin-key", AdminKey);
            request.Headers.Add("x-functions-key", FunctionKey);
            request.Headers.TryAddWithoutValidation("If-Match", version);
            var response = await Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            return (response, text.Length == 0 ? default : System.Text.Json.JsonDocument.Parse(text).RootElement.Clone());
        });
        edited.EnsureSuccessStatusCode();
    }

    private async Task ReportAsync(string siteId, object report)
    {
        var (issued, token) = await RetryUnavailableAsync(() => AdminAsync(HttpMethod.Post, $"manage/sites/{siteId}/tokens"));
        issued.EnsureSuccessStatusCode();
        var headers = new Dictionary<string, string> { ["x-staff-token"] = token.GetProperty("token").GetString()! };
        var (reported, _) = await RetryUnavailableAsync(() => SendAsync(HttpMethod.Post, $"sites/{siteId}/status", report, headers));
        reported.EnsureSuccessStatusCode();
    }

    /// <summary>A 503 is retried, as the README asks of every client; a level stored twice still says the same level.</summary>
    private static async Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> RetryUnavailableAsync(Func<Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)>> send)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await send();
            if (answer.Response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || attempt == 5)
                return answer;
            await Task.Delay(1000);
        }
    }
}
