using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SiteFinder.Functions.Configuration;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Tests.Hostile;

/// <summary>The read limit's hook on the Functions host (the local host's invoker is covered through HTTP): over the limit the function does not run.</summary>
public sealed class ReadLimitMiddlewareTests
{
    [Fact]
    public async Task Over_the_limit_an_anonymous_read_answers_429_before_the_function_and_operator_reads_go_on()
    {
        using var limits = new ClientLimits(Options.Create(new ClientLimitSettings { AnonymousReadsPerMinute = 2 }));
        var middleware = new ReadLimitMiddleware(limits);
        var ran = 0;
        Task Next(FunctionContext _)
        {
            ran++;
            return Task.CompletedTask;
        }

        for (var i = 0; i < 2; i++)
            await middleware.Invoke(new FakeFunctionContext(Request("GET", "/api/sites/nearby")), Next);
        var refused = Request("GET", "/api/sites/nearby");
        await middleware.Invoke(new FakeFunctionContext(refused), Next);
        var manage = Request("GET", "/api/manage/stale");
        await middleware.Invoke(new FakeFunctionContext(manage), Next);
        await middleware.Invoke(new FakeFunctionContext(null), Next);

        Assert.Equal(4, ran);
        Assert.Equal((int)HttpStatusCode.TooManyRequests, refused.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(refused.Response.Headers.RetryAfter));
        Assert.StartsWith("application/problem+json", refused.Response.ContentType, StringComparison.Ordinal);
        Assert.Equal(200, manage.Response.StatusCode);
    }

    private static DefaultHttpContext Request(string method, string path)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddMvcCore().Services.BuildServiceProvider() };
        context.Request.Method = method;
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.5");
        context.Response.Body = new MemoryStream();
        return context;
    }

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
