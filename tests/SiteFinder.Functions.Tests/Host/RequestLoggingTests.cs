using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SiteFinder.Functions.Tests.Infrastructure;

namespace SiteFinder.Functions.Tests.Host;

/// <summary>
/// What a request leaves in the logs at the levels the app runs with: no line per request from ASP.NET Core
/// (its "Request starting" line carries the whole URL, a <c>?code=</c> function key included), and no secret.
/// </summary>
public sealed class RequestLoggingTests(RequestLoggingTests.CapturingHost host) : IClassFixture<RequestLoggingTests.CapturingHost>
{
    private const string KeyInQuery = "function-key-given-in-the-query-1234";

    [Fact]
    public async Task Requests_with_keys_in_the_query_and_headers_leave_no_line_per_request_and_no_secret()
    {
        var before = host.Lines.Count;
        for (var i = 0; i < 5; i++)
        {
            var (nearby, _) = await host.GetAsync($"sites/nearby?lat=31.2&lng=121.4&code={KeyInQuery}");
            Assert.NotEqual(HttpStatusCode.InternalServerError, nearby.StatusCode);
        }

        var (stale, _) = await host.AdminAsync(HttpMethod.Get, "manage/stale");
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var (wrongKey, _) = await host.SendAsync(HttpMethod.Get, "manage/stale", headers: new Dictionary<string, string> { ["x-admin-key"] = "wrong-admin-key-5678", ["x-functions-key"] = LocalHostFixture.FunctionKey });
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);

        // The capture works: the host logged its routes at Information when it started.
        Assert.Contains(host.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("NearbySites", StringComparison.Ordinal));

        var lines = host.Lines.ToArray();
        Assert.DoesNotContain(lines.Skip(before), l => l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && l.Level < LogLevel.Warning);
        foreach (var secret in new[] { KeyInQuery, LocalHostFixture.AdminKey, LocalHostFixture.FunctionKey, "wrong-admin-key-5678" })
            Assert.DoesNotContain(lines, l => l.Message.Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public void Host_json_logs_requests_as_sampled_telemetry_and_function_runs_only_for_the_timers()
    {
        using var hostJson = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")));
        var logging = hostJson.RootElement.GetProperty("logging");
        var levels = logging.GetProperty("logLevel");
        Assert.Equal("Warning", levels.GetProperty("default").GetString());
        Assert.Equal("Warning", levels.GetProperty("Function").GetString());
        Assert.Equal("Information", levels.GetProperty("Host.Results").GetString());

        // Every timer keeps its one line a run; an HTTP function would log two lines per request.
        using var metadata = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "functions.metadata")));
        foreach (var function in metadata.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var timer = function.GetProperty("bindings").EnumerateArray().Any(b => b.GetProperty("type").GetString() == "timerTrigger");
            Assert.Equal(timer, levels.TryGetProperty("Function." + name, out var level) && level.GetString() == "Information");
        }

        var sampling = logging.GetProperty("applicationInsights").GetProperty("samplingSettings");
        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        Assert.DoesNotContain("Request", sampling.GetProperty("excludedTypes").GetString() ?? string.Empty, StringComparison.Ordinal);
    }

    public sealed record LogLine(string Category, LogLevel Level, string Message);

    /// <summary>The local host at the production default level (Information), every log line kept.</summary>
    public sealed class CapturingHost : LocalHostFixture, ILoggerProvider
    {
        public ConcurrentQueue<LogLine> Lines { get; } = new();

        protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" };

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

        public ILogger CreateLogger(string categoryName) => new Capture(categoryName, Lines);

        void IDisposable.Dispose()
        {
        }

        private sealed class Capture(string category, ConcurrentQueue<LogLine> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                ArgumentNullException.ThrowIfNull(formatter);
                lines.Enqueue(new LogLine(category, logLevel, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
            }
        }
    }
}
