using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Storage;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Infrastructure;

/// <summary>
/// The app served by the repository's local host on a free loopback port, over real HTTP, with
/// Azurite tables of its own. Settings are passed explicitly; no local.settings.json is read.
/// </summary>
public class LocalHostFixture : IAsyncLifetime
{
    public const string AdminKey = "test-admin-key";

    /// <summary>Function keys are enforced in every test host (as in Azure, stricter than Core Tools); operator helpers send this one.</summary>
    public const string FunctionKey = "test-function-key";

    private WebApplication? _app;

    /// <summary>Every line the host logs at the levels it runs with: checked for secrets when the fixture ends (<see cref="SuiteSecrets"/>).</summary>
    public CapturingLoggerProvider Logs { get; } = new();

    public HttpClient Client { get; private set; } = null!;

    /// <summary>Every table the app uses (by its SiteTables setting name), each unique to this fixture.</summary>
    public IReadOnlyDictionary<string, string> Tables { get; private init; } = new SiteTablesOptions().All().Keys
        .ToDictionary(t => t, t => Azurite.UniqueTableName(t.ToLowerInvariant()[..Math.Min(6, t.Length)]));

    /// <summary>False for a second instance of the same app (<see cref="SecondInstanceOf"/>): its tables belong to the first.</summary>
    private bool OwnsTables { get; init; } = true;

    /// <summary>Another instance of the app on the same tables, as a scaled-out function app runs: not started yet.</summary>
    /// <param name="settings">Settings of that instance only, over the usual ones (a slower refresh, say).</param>
    public LocalHostFixture SecondInstanceOf(IReadOnlyDictionary<string, string?>? settings = null) =>
        new() { Tables = Tables, OwnsTables = false, InstanceSettings = settings ?? new Dictionary<string, string?>() };

    /// <summary>Settings given to <see cref="SecondInstanceOf"/>, applied after <see cref="ExtraSettings"/>.</summary>
    private IReadOnlyDictionary<string, string?> InstanceSettings { get; init; } = new Dictionary<string, string?>();

    public string SitesTable => Tables[nameof(SiteTablesOptions.Sites)];

    public string CatalogueTable => Tables[nameof(SiteTablesOptions.Catalogue)];

    public WebApplication App => _app ?? throw new InvalidOperationException("Not started.");

    /// <summary>Replaces services after the app's own registration (the simulated day swaps the clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync()
    {
        Azurite.EnsureRunning();
        var settings = new Dictionary<string, string?>
        {
            ["LocalSettings"] = string.Empty,
            ["urls"] = "http://127.0.0.1:0",
            ["Tables:connectionString"] = Azurite.ConnectionString,
            ["ADMIN_API_KEY"] = AdminKey,
            [LocalFunctionsHost.FunctionKeySetting] = FunctionKey,
            ["CATALOGUE_SNAPSHOT_SCHEDULE"] = "0 0 0 1 1 *",
            ["CATALOGUE_REFRESH_SECONDS"] = "1",
            ["SEED_DEMO_DATA"] = "false",
            ["STATUS_SCHEDULE"] = "0 0 0 1 1 *",
            ["STATUS_REFRESH_SECONDS"] = "1",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (name, table) in Tables)
            settings["SiteTables:" + name] = table;
        foreach (var (key, value) in ExtraSettings.Concat(InstanceSettings))
            settings[key] = value;

        SuiteSecrets.Add(AdminKey);
        SuiteSecrets.Add(FunctionKey);
        _app = LocalFunctionsHost.Build([], settings, services =>
        {
            services.AddSingleton<ILoggerProvider>(Logs);
            ConfigureServices(services);
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient(new SecretRecordingHandler()) { BaseAddress = new Uri(address.TrimEnd('/') + "/api/") };
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (OwnsTables)
        {
            foreach (var table in Tables.Values)
                await Azurite.Service.DeleteTableAsync(table);
        }

        // After the host stopped, so that its last lines are in. A leak fails the fixture, and so the run.
        var leaks = SuiteSecrets.Leaks(Logs.Entries.Select(e => $"{e.Category} [{e.Level}] {e.Message} {e.Exception}"));
        if (leaks.Count > 0)
            throw new InvalidOperationException($"{leaks.Count} log line(s) of {GetType().Name}'s host hold a key or token the tests used:" + Environment.NewLine + string.Join(Environment.NewLine, leaks.Take(20)));
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(string url)
    {
        var response = await Client.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await ReadAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> ImportAsync(byte[] body, string contentType, string? adminKey = AdminKey, string query = "")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("manage/sites/import" + query, UriKind.Relative));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("x-functions-key", FunctionKey);
        if (adminKey is not null)
            request.Headers.Add("x-admin-key", adminKey);
        var response = await Client.SendAsync(request);
        return (response, await ReadAsync(response));
    }

    public async Task<(HttpResponseMessage Response, JsonElement Body)> SendAsync(HttpMethod method, string url, object? json = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (json is not null)
            request.Content = new StringContent(json as string ?? JsonSerializer.Serialize(json), Encoding.UTF8, "application/json");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.Add(name, value);
        var response = await Client.SendAsync(request);
        return (response, await ReadAsync(response));
    }

    public Task<(HttpResponseMessage Response, JsonElement Body)> AdminAsync(HttpMethod method, string url, object? json = null) =>
        SendAsync(method, url, json, new Dictionary<string, string> { ["x-admin-key"] = AdminKey, ["x-functions-key"] = FunctionKey });

    public Task<(HttpResponseMessage Response, JsonElement Body)> ImportCsvAsync(string csv) =>
        ImportAsync(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8");

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
