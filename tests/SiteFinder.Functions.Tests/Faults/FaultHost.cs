using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>
/// A local host on a fault test's own Azurite (its own process, port and data folder; never the
/// shared one that the rest of the suite uses at the same time), with the kill switch on the
/// Sites table, timers off (a test runs the aggregation itself) and refreshes every second.
/// </summary>
public sealed class FaultHost : LocalHostFixture
{
    private readonly AzuriteProcess _storage;
    private readonly TimeProvider? _clock;
    private readonly Action<IServiceCollection>? _services;

    public FaultHost(AzuriteProcess storage, TimeProvider? clock = null, Action<IServiceCollection>? services = null)
    {
        _storage = storage;
        _clock = clock;
        _services = services;
        Switch = new KillSwitchTables(storage, SitesTable);
    }

    public KillSwitchTables Switch { get; }

    /// <summary>A client of the test's Azurite, for counting what storage holds behind the API's back.</summary>
    public TableClient Table(string setting) => new TableServiceClient(_storage.ConnectionString).GetTableClient(Tables[setting]);

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Tables:connectionString"] = _storage.ConnectionString,
    };

    protected override void ConfigureServices(IServiceCollection services)
    {
        // An outage's warnings, each with its stack, would drown the test run's console: only the capture
        // (which the base fixture checks for secrets) is kept.
        services.RemoveAll<ILoggerProvider>();
        services.AddSingleton<ILoggerProvider>(Logs);
        services.AddSingleton<TableServiceClient>(Switch);
        if (_clock is not null)
            services.AddSingleton(_clock);
        _services?.Invoke(services);
    }

    /// <summary>Every site row's id (audit rows sort after them), straight from storage.</summary>
    public async Task<List<string>> StoredSiteIdsAsync()
    {
        var ids = new List<string>();
        await foreach (var row in Table(nameof(SiteTablesOptions.Sites)).QueryAsync<TableEntity>("RowKey lt '~'", select: ["RowKey"]))
            ids.Add(row.RowKey);
        return ids;
    }

    /// <summary>Every audit entry straight from storage: the site it is of, its action and the import that wrote it.</summary>
    public async Task<List<(string SiteId, string Action, string? ImportId)>> StoredAuditAsync()
    {
        var entries = new List<(string, string, string?)>();
        await foreach (var row in Table(nameof(SiteTablesOptions.Sites)).QueryAsync<TableEntity>("RowKey gt '~audit~' and RowKey lt '~audit~\u007f'", select: ["RowKey", "Action", "ImportId"]))
            entries.Add((row.RowKey.Split('~')[2], row.GetString("Action"), row.GetString("ImportId")));
        return entries;
    }
}
