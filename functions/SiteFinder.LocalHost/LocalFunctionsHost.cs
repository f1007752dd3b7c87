using System.Text.Json;
using SiteFinder.Functions;
using SiteFinder.Functions.Configuration;

namespace SiteFinder.LocalHost;

/// <summary>
/// Serves the app's own functions on Kestrel where Azure Functions Core Tools cannot run. Routes,
/// methods, auth levels and schedules come from the build's functions.metadata (no second route
/// table), the route prefix from host.json, the services from the app's own registration, and
/// settings from local.settings.json's "Values" as Core Tools reads them. Where it differs from the
/// Azure Functions host it is the stricter of the two: the host's route rules and route order
/// (<see cref="FunctionRouter"/>, <see cref="HostRouteRules"/>), and function keys when asked.
/// </summary>
public static partial class LocalFunctionsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>
    /// When set, Function-level routes need this key in x-functions-key or ?code=, as in Azure. Unset,
    /// keys are not enforced, as with Core Tools (the default for a local run).
    /// </summary>
    public const string FunctionKeySetting = "LOCALHOST_FUNCTION_KEY";

    /// <summary>Another functions.metadata to serve instead of the build's (tests of the start-up checks).</summary>
    public const string FunctionsMetadataSetting = "LOCALHOST_FUNCTIONS_METADATA";

    /// <param name="args">Command-line arguments (configuration overrides such as --urls).</param>
    /// <param name="settings">Settings that override every other source (tests pass all of theirs here).</param>
    /// <param name="configureServices">Runs after the app's registration, to replace a service (tests swap the clock).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        // As the worker's Program.cs does: the storage client's first construction runs beside building the app (Snapshots/FirstLoads).
        SiteFinder.Functions.Snapshots.FirstLoads.Prepare();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        // "LocalSettings" names another settings file; an empty value reads none (tests pass every setting).
        var localSettings = settings?.GetValueOrDefault("LocalSettings") ?? builder.Configuration["LocalSettings"] ?? Path.Combine(AppContext.BaseDirectory, "local.settings.json");
        builder.Configuration.AddInMemoryCollection(ReadLocalSettings(localSettings));
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var assembly = typeof(SiteFinderServiceCollectionExtensions).Assembly;
        var metadata = builder.Configuration[FunctionsMetadataSetting] is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "functions.metadata");
        var functions = FunctionDefinition.Load(metadata)
            .Select(f => new FunctionInvoker(f, assembly))
            .ToArray();

        // Azure puts a function whose route breaks the host's rules in error; here the app does not start.
        // A route that another function shadows under the host's route order is refused as well. The
        // check needs only the metadata and host.json, so it runs beside building the app's services:
        // on the start path it cost about 70 ms (tests/SiteFinder.Benchmarks/BENCHMARKS.md, cold start).
        var prefix = RoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        var definitions = functions.Select(f => f.Definition).ToArray();
        var conformance = Task.Run(() => RouteConformance.CheckAsync(definitions, prefix));

        builder.WebHost.ConfigureKestrel(HostRefusals.Configure);
        builder.Logging.AddSiteFinderLogFilters();
        builder.Services.AddMvcCore();
        builder.Services.AddSiteFinder(builder.Configuration);
        builder.Services.AddSingleton<IEnumerable<FunctionInvoker>>(functions);
        builder.Services.AddHostedService<TimerTriggerService>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var problems = conformance.GetAwaiter().GetResult();
        if (problems.Count > 0)
            throw new InvalidOperationException("HTTP routes the Azure Functions host would not serve as intended:" + Environment.NewLine + string.Join(Environment.NewLine, problems));

        // As the worker's Program.cs does: the catalogue is read while the host starts, not after (Snapshots/FirstLoads).
        SiteFinder.Functions.Snapshots.FirstLoads.Start(app.Services);

        var keys = new FunctionKeys(app.Configuration[FunctionKeySetting]);
        var invokers = functions.ToDictionary(f => f.Definition.Name, StringComparer.OrdinalIgnoreCase);
        var router = new FunctionRouter(definitions, prefix, app.Services.GetRequiredService<IInlineConstraintResolver>(), (context, name) =>
            keys.Allows(context.Request, invokers[name].Definition) ? invokers[name].InvokeHttpAsync(context) : HostRefusals.WriteAsync(context, HostRefusals.WrongFunctionKey()));
        app.Run(async context =>
        {
            // What the Functions host (or Azure's front end) refuses before a function runs is answered as a
            // problem here; on Azure those answers are the host's own, bare (HostRefusals, README).
            if (HostRefusals.BeforeRouting(context) is { } refused)
                await HostRefusals.WriteAsync(context, refused);
            else if (await router.MatchAsync(context) is { } run)
                await run(context);
            else
                await HostRefusals.WriteAsync(context, HostRefusals.NoMatch(context));
        });

        foreach (var function in definitions.Where(f => f.IsHttp).OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase))
        {
            var methods = function.Methods.Count > 0 ? string.Join(',', function.Methods) : "all";
            LogMapped(app.Logger, function.Name, methods, $"/{prefix}/{HostRouteRules.RouteOf(function)}", function.AuthLevel ?? "anonymous", keys.Enforced);
        }

        return app;
    }

    /// <summary>host.json's extensions.http.routePrefix; "api" when absent, as in the Functions host.</summary>
    public static string RoutePrefix(string hostJsonPath)
    {
        if (!File.Exists(hostJsonPath))
            return "api";
        using var document = JsonDocument.Parse(File.ReadAllText(hostJsonPath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return document.RootElement.TryGetProperty("extensions", out var extensions) &&
               extensions.TryGetProperty("http", out var http) &&
               http.TryGetProperty("routePrefix", out var prefix)
            ? prefix.GetString()?.Trim('/') ?? string.Empty
            : "api";
    }

    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
            return values;

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (document.RootElement.TryGetProperty("Values", out var settings))
        {
            foreach (var setting in settings.EnumerateObject())
                values[setting.Name.Replace("__", ":", StringComparison.Ordinal)] = setting.Value.ToString();
        }

        return values;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: {Methods} {Pattern} (auth level {AuthLevel}; function keys enforced: {KeysEnforced})")]
    private static partial void LogMapped(ILogger logger, string function, string methods, string pattern, string authLevel, bool keysEnforced);
}
