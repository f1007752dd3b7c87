using System.Text.Json;
using SiteFinder.Functions;

namespace SiteFinder.LocalHost;

/// <summary>
/// Serves the app's own functions on Kestrel where Azure Functions Core Tools cannot run. Routes,
/// methods, auth levels and schedules come from the build's functions.metadata (no second route
/// table), the route prefix from host.json, the services from the app's own registration, and
/// settings from local.settings.json's "Values" as Core Tools reads them.
/// </summary>
public static partial class LocalFunctionsHost
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <param name="args">Command-line arguments (configuration overrides such as --urls).</param>
    /// <param name="settings">Settings that override every other source (tests pass all of theirs here).</param>
    /// <param name="configureServices">Runs after the app's registration, to replace a service (tests swap the clock).</param>
    public static WebApplication Build(string[] args, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
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
        var functions = FunctionDefinition.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"))
            .Select(f => new FunctionInvoker(f, assembly))
            .ToArray();

        // Azure SDK request logs drown everything else at Information.
        builder.Logging.AddFilter("Azure", LogLevel.Warning);
        builder.Services.AddMvcCore();
        builder.Services.AddSiteFinder(builder.Configuration);
        builder.Services.AddSingleton<IEnumerable<FunctionInvoker>>(functions);
        builder.Services.AddHostedService<TimerTriggerService>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        var prefix = RoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json"));
        foreach (var function in functions.Where(f => f.Definition.IsHttp))
        {
            var pattern = "/" + string.Join('/', new[] { prefix, function.Definition.Route ?? function.Definition.Name }.Where(s => !string.IsNullOrEmpty(s)));
            var methods = function.Definition.Methods.Count > 0 ? function.Definition.Methods : ["GET", "POST", "PUT", "DELETE", "PATCH"];
            app.MapMethods(pattern, methods, function.InvokeHttpAsync).WithName(function.Definition.Name);
            LogMapped(app.Logger, function.Definition.Name, string.Join(',', methods), pattern, function.Definition.AuthLevel ?? "anonymous");
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

    [LoggerMessage(Level = LogLevel.Information, Message = "{Function}: {Methods} {Pattern} (auth level {AuthLevel}; keys are not enforced locally, as with Core Tools)")]
    private static partial void LogMapped(ILogger logger, string function, string methods, string pattern, string authLevel);
}
