using Microsoft.Extensions.DependencyInjection;
using SiteFinder.Domain.Demo;
using SiteFinder.Functions.Sites;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Demo;

/// <summary>Seeding the demo catalogue on Azurite when an earlier start wrote only part of it, and never over a real list.</summary>
public sealed class DemoSeedingTests
{
    [Fact]
    public async Task A_partly_written_demo_catalogue_is_finished_on_the_next_start_keeping_the_rows_already_there()
    {
        var host = new LocalHostFixture();
        await host.InitializeAsync();
        try
        {
            var store = host.App.Services.GetRequiredService<ISiteStore>();
            var demo = DemoCatalogue.Generate(DateTimeOffset.UtcNow);
            var edited = demo[7] with { Name = "已编辑的演示采样点" };
            await store.UpsertAsync([.. demo.Take(7), edited, .. demo.Skip(8).Take(92)], CancellationToken.None);
            var seeding = host.App.Services.GetRequiredService<SiteImportService>();

            Assert.True(await seeding.SeedDemoIfEmptyAsync(CancellationToken.None));

            var stored = await store.LoadAllAsync(CancellationToken.None);
            Assert.Equal(DemoCatalogue.SiteCount, stored.Count);
            Assert.Equal(demo.Select(s => s.Id).Order(StringComparer.Ordinal), stored.Select(r => r.Id).Order(StringComparer.Ordinal));
            Assert.Equal("已编辑的演示采样点", stored.Single(r => r.Id == edited.Id).Name);
            Assert.False(await seeding.SeedDemoIfEmptyAsync(CancellationToken.None));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_table_with_any_site_that_is_not_a_demo_site_is_not_seeded()
    {
        var host = new LocalHostFixture();
        await host.InitializeAsync();
        try
        {
            var (response, _) = await host.ImportCsvAsync("source_id,name,address,district,lng,lat,coord_system,hours\nreal:1,真实采样点,黄浦区人民大道1号,黄浦区,121.4737,31.2304,WGS-84,24小时\n");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

            Assert.False(await host.App.Services.GetRequiredService<SiteImportService>().SeedDemoIfEmptyAsync(CancellationToken.None));

            Assert.Single(await host.App.Services.GetRequiredService<ISiteStore>().LoadAllAsync(CancellationToken.None));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }
}
