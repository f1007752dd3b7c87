using System.Text.Json;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>
/// The worker middleware as the Functions host runs it (the local host does not run worker
/// middleware): with the HttpContext the ASP.NET Core integration hands over, an outage becomes a
/// 503 problem written to the response; anything else, and any timer, is left to the host.
/// </summary>
public sealed class StorageFailureMiddlewareTests
{
    private readonly StorageFailureMiddleware _middleware = new(new StorageFailures(NullLogger<StorageFailures>.Instance));

    [Fact]
    public async Task An_http_function_meeting_an_outage_answers_a_503_problem_with_retry_after()
    {
        var http = NewHttpContext();
        await _middleware.Invoke(new FakeFunctionContext(http), _ => throw new AggregateException(new RequestFailedException(0, "Connection refused")));

        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        Assert.StartsWith("application/problem+json", http.Response.ContentType, StringComparison.Ordinal);
        http.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.Equal("/api/problems/storage-unavailable", body.RootElement.GetProperty("type").GetString());
        Assert.Equal("unreachable", body.RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Other_failures_and_timer_functions_go_on_to_the_host()
    {
        var bug = new InvalidOperationException("a bug");
        Assert.Same(bug, await Assert.ThrowsAsync<InvalidOperationException>(() => _middleware.Invoke(new FakeFunctionContext(NewHttpContext()), _ => throw bug)));

        var outage = new RequestFailedException(503, "Server busy");
        Assert.Same(outage, await Assert.ThrowsAsync<RequestFailedException>(() => _middleware.Invoke(new FakeFunctionContext(null), _ => throw outage)));
    }

    private static DefaultHttpContext NewHttpContext()
    {
        var services = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider();
        return new DefaultHttpContext { RequestServices = services, Response = { Body = new MemoryStream() } };
    }

    /// <summary>Only what the middleware reads: Items, where the ASP.NET Core integration puts the HttpContext (key "HttpRequestContext", read by GetHttpContext), and the invocation's cancellation.</summary>
    private sealed class FakeFunctionContext(HttpContext? http) : FunctionContext
    {
        public override IDictionary<object, object> Items { get; set; } = http is null ? new Dictionary<object, object>() : new Dictionary<object, object> { ["HttpRequestContext"] = http };

        public override string InvocationId => "test";

        public override string FunctionId => "test";

        public override TraceContext TraceContext => throw new NotSupportedException();

        public override BindingContext BindingContext => throw new NotSupportedException();

        public override RetryContext RetryContext => throw new NotSupportedException();

        public override IServiceProvider InstanceServices { get; set; } = null!;

        public override FunctionDefinition FunctionDefinition => throw new NotSupportedException();

        public override IInvocationFeatures Features => throw new NotSupportedException();
    }
}
