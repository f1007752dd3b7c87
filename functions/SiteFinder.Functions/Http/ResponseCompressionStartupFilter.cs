using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection;

namespace SiteFinder.Functions.Http;

/// <summary>
/// gzip and brotli for every JSON answer a client accepts them for: residents are often on weak mobile
/// networks. The Functions worker's ASP.NET Core pipeline is built by the Functions extension and has no
/// place for app middleware, but the web host runs every <see cref="IStartupFilter"/> around it, so
/// compression is put first that way; the local host's WebApplication runs the same filter.
/// </summary>
public sealed class ResponseCompressionStartupFilter : IStartupFilter
{
    /// <summary>Answers already compressed (the feed) set Content-Encoding, which the middleware leaves alone.</summary>
    public static IReadOnlyList<string> MimeTypes { get; } =
        [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "application/geo+json", "image/svg+xml"];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseResponseCompression();
        next(app);
    };

    public static void Register(IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Behind the Functions host the worker sees plain HTTP; over HTTPS too. BREACH needs a secret
            // repeated across answers that also echo text an attacker chose; the only secrets answered
            // (issued keys and staff tokens) are new in each answer and issued to admin-key holders only.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = MimeTypes;
        });

        // Fastest: a nearby answer is a few kB and is compressed per request; see BENCHMARKS.md for the cost.
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = CompressionLevel.Fastest);
        services.AddSingleton<IStartupFilter, ResponseCompressionStartupFilter>();
    }
}
