using Microsoft.Extensions.Logging;

namespace SiteFinder.Functions.Configuration;

/// <summary>
/// The log categories that would write a line per request or per storage call at Information: at a city's
/// rate that is gigabytes a day in Application Insights (122 MB in 60 s of load here), and ASP.NET Core's
/// "Request starting" line carries the full URL, so a function key given as <c>?code=</c> would be logged.
/// Requests are still counted: the Functions host sends one request telemetry item each (sampled, host.json).
/// </summary>
public static class LogFilters
{
    public static ILoggingBuilder AddSiteFinderLogFilters(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddFilter("Azure", LogLevel.Warning);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        return logging;
    }
}
