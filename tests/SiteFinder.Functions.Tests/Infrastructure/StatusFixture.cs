using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Sites;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Status;
using SiteFinder.Tests;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>A local host on a manual clock with a few sites of known hours, for status tests.</summary>
public class StatusFixture : LocalHostFixture
{
    private const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    // Thursday 2022-04-28 10:00 in Shanghai.
    public static readonly DateTimeOffset Start = new(2022, 4, 28, 2, 0, 0, TimeSpan.Zero);

    public static readonly string A = Id("st:a");
    public static readonly string B = Id("st:b");
    public static readonly string C = Id("st:c");
    public static readonly string D = Id("st:d");

    public ManualClock Clock { get; } = new(Start);

    public static string Id(string sourceId) => SiteIds.FromSourceId(sourceId);

    /// <summary>Sites a (24 h), b (24 h), c (8:00-11:00) around People's Square, and d far out in Jinshan.</summary>
    protected virtual string SitesCsv => Header +
        "st:a,甲采样点,人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时,便民,\n" +
        "st:b,乙采样点,南京东路1号,黄浦区,121.4800,31.2350,WGS-84,24小时,,\n" +
        "st:c,丙采样点,西藏中路1号,黄浦区,121.4760,31.2320,WGS-84,周一至周日 8:00-11:00,,\n" +
        "st:d,丁采样点,金山大道1号,金山区,121.3400,30.7400,WGS-84,24小时,,\n";

    public StatusAggregator Aggregator => App.Services.GetRequiredService<StatusAggregator>();

    public StatusProvider Statuses => App.Services.GetRequiredService<StatusProvider>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var (response, _) = await ImportCsvAsync(SitesCsv);
        response.EnsureSuccessStatusCode();
        await App.Services.GetRequiredService<CatalogueProvider>().RefreshAsync(CancellationToken.None);
    }

    /// <summary>Issues a staff token for a site through the admin API.</summary>
    public async Task<string> TokenForAsync(string siteId, bool rotate = false)
    {
        var (response, body) = await AdminAsync(HttpMethod.Post, $"manage/sites/{siteId}/tokens" + (rotate ? "?rotate=true" : string.Empty));
        response.EnsureSuccessStatusCode();
        return body.GetProperty("token").GetString()!;
    }

    public Task<(HttpResponseMessage Response, System.Text.Json.JsonElement Body)> ReportAsync(string siteId, string token, object report) =>
        SendAsync(HttpMethod.Post, $"sites/{siteId}/status", report, new Dictionary<string, string> { ["x-staff-token"] = token });

    /// <summary>Runs the aggregation as the timer would: this instance serves its board as soon as the run returns.</summary>
    public Task<AggregationResult> AggregateAsync() => Aggregator.RunAsync(CancellationToken.None);
}
