using System.Globalization;
using Microsoft.Azure.Functions.Worker;
using NCrontab;

namespace SiteFinder.LocalHost;

/// <summary>
/// Runs each timer function on its schedule: six-field NCRONTAB (seconds first) or a TimeSpan,
/// with %SETTING% names resolved from configuration as the Functions host does. Runs of one
/// function never overlap here; a run that starts late is marked IsPastDue.
/// </summary>
public sealed partial class TimerTriggerService(
    IEnumerable<FunctionInvoker> functions,
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<TimerTriggerService> logger) : BackgroundService
{
    private static readonly TimeSpan PastDueTolerance = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxStep = TimeSpan.FromDays(1);

    public static Func<DateTime, DateTime> ParseSchedule(string schedule, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(configuration);
        var resolved = schedule;
        if (schedule.Length > 2 && schedule[0] == '%' && schedule[^1] == '%')
        {
            var setting = schedule[1..^1];
            resolved = configuration[setting] ?? throw new InvalidOperationException($"Timer schedule setting '{setting}' is not set.");
        }

        if (TimeSpan.TryParse(resolved, CultureInfo.InvariantCulture, out var every) && every > TimeSpan.Zero)
            return after => after + every;

        var cron = CrontabSchedule.Parse(resolved, new CrontabSchedule.ParseOptions { IncludingSeconds = resolved.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 });
        return cron.GetNextOccurrence;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(functions.Where(f => f.Definition.IsTimer).Select(f => RunAsync(f, stoppingToken)));

    private async Task RunAsync(FunctionInvoker function, CancellationToken stoppingToken)
    {
        var next = ParseSchedule(function.Definition.Schedule!, configuration);
        var last = clock.GetUtcNow().UtcDateTime;
        if (function.Definition.RunOnStartup)
            await InvokeAsync(function, last, last, pastDue: false, stoppingToken);

        while (!stoppingToken.IsCancellationRequested)
        {
            var due = next(last);

            // Task.Delay takes at most ~49 days; a yearly schedule waits in steps.
            for (var wait = due - clock.GetUtcNow().UtcDateTime; wait > TimeSpan.Zero; wait = due - clock.GetUtcNow().UtcDateTime)
                await Task.Delay(wait < MaxStep ? wait : MaxStep, clock, stoppingToken);

            var started = clock.GetUtcNow().UtcDateTime;
            await InvokeAsync(function, due, next(due), started - due > PastDueTolerance, stoppingToken);
            last = due;
        }
    }

    private async Task InvokeAsync(FunctionInvoker function, DateTime due, DateTime next, bool pastDue, CancellationToken stoppingToken)
    {
        var timer = new TimerInfo
        {
            IsPastDue = pastDue,
            ScheduleStatus = new ScheduleStatus { Last = due, Next = next, LastUpdated = clock.GetUtcNow().UtcDateTime },
        };
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await function.InvokeTimerAsync(scope.ServiceProvider, timer, stoppingToken);
            LogRan(function.Definition.Name, pastDue);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            // Only shutting down stops the timers: an SDK timeout is a cancellation too, and the next run should still come.
            LogFailed(e, function.Definition.Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timer {Function} ran (past due: {PastDue})")]
    private partial void LogRan(string function, bool pastDue);

    [LoggerMessage(Level = LogLevel.Error, Message = "Timer {Function} failed")]
    private partial void LogFailed(Exception e, string function);
}
