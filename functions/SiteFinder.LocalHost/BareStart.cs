using Azure.Data.Tables;
using SiteFinder.Functions.Storage;

namespace SiteFinder.LocalHost;

/// <summary>
/// The start-up benchmark's floor (tests/SiteFinder.Benchmarks/run-startup.sh): this same host binary,
/// runtime and ReadyToRun code, but none of the app. It builds a WebApplication on Kestrel, and its nearby
/// route reads one entity of the catalogue table from storage and answers it. Only with
/// <see cref="Setting"/>=true in the environment; the local host is never deployed.
/// </summary>
public static class BareStart
{
    public const string Setting = "LOCALHOST_BARE_START";

    public static bool Requested => string.Equals(Environment.GetEnvironmentVariable(Setting), "true", StringComparison.OrdinalIgnoreCase);

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        var table = new TableServiceClient(builder.Configuration["Tables"])
            .GetTableClient(builder.Configuration["SiteTables:Catalogue"] ?? new SiteTablesOptions().Catalogue);
        var app = builder.Build();
        app.MapGet("/api/sites/nearby", async (CancellationToken cancellationToken) =>
        {
            await foreach (var entity in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
                return Results.Json(new { items = new[] { new { id = entity.RowKey } } });
            return Results.Json(new { items = Array.Empty<object>() });
        });
        await app.RunAsync();
    }
}
