using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SiteFinder.LocalHost;

namespace SiteFinder.Functions.Tests.Host;

/// <summary>The build's functions.metadata is what the Functions host (and our local host) serve: check every entry.</summary>
public class FunctionsMetadataTests
{
    private static readonly string MetadataPath = Path.Combine(AppContext.BaseDirectory, "functions.metadata");

    [Fact]
    public void Every_function_has_the_route_methods_auth_level_and_schedule_we_intend()
    {
        var expected = new Dictionary<string, (string Trigger, string? Route, string[] Methods, string? Auth, string? Schedule)>
        {
            ["NearbySites"] = ("httpTrigger", "sites/nearby", ["GET"], "Anonymous", null),
            ["GetSite"] = ("httpTrigger", "sites/{id:length(16)}", ["GET"], "Anonymous", null),
            ["SearchSites"] = ("httpTrigger", "sites", ["GET"], "Anonymous", null),
            ["ListDistricts"] = ("httpTrigger", "districts", ["GET"], "Anonymous", null),
            ["DistrictOutlines"] = ("httpTrigger", "districts/outlines", ["GET"], "Anonymous", null),
            ["ImportSites"] = ("httpTrigger", "manage/sites/import", ["POST"], "Function", null),
            ["SiteListTemplate"] = ("httpTrigger", "manage/sites/template.csv", ["GET"], "Function", null),
            ["PublishCatalogueSnapshot"] = ("timerTrigger", null, [], null, "%CATALOGUE_SNAPSHOT_SCHEDULE%"),
            ["AggregateStatus"] = ("timerTrigger", null, [], null, "%STATUS_SCHEDULE%"),
            ["ReportStatus"] = ("httpTrigger", "sites/{id:length(16)}/status", ["POST"], "Anonymous", null),
            ["SiteBusyness"] = ("httpTrigger", "sites/{id:length(16)}/busyness", ["GET"], "Anonymous", null),
            ["RecordThroughput"] = ("httpTrigger", "manage/throughput", ["POST"], "Function", null),
            ["IssueStaffToken"] = ("httpTrigger", "manage/sites/{id:length(16)}/tokens", ["POST"], "Function", null),
            ["ListStaffTokens"] = ("httpTrigger", "manage/sites/{id:length(16)}/tokens", ["GET"], "Function", null),
            ["RevokeStaffToken"] = ("httpTrigger", "manage/sites/{id:length(16)}/tokens/{tokenId:maxlength(12)}", ["DELETE"], "Function", null),
            ["StaleSites"] = ("httpTrigger", "manage/stale", ["GET"], "Function", null),
            ["OperatorWhoAmI"] = ("httpTrigger", "manage/whoami", ["GET"], "Function", null),
            ["ParseHours"] = ("httpTrigger", "manage/hours/parse", ["GET"], "Function", null),
            ["GetSiteForEdit"] = ("httpTrigger", "manage/sites/{id:length(16)}", ["GET"], "Function", null),
            ["EditSite"] = ("httpTrigger", "manage/sites/{id:length(16)}", ["PATCH"], "Function", null),
            ["SiteAuditTrail"] = ("httpTrigger", "manage/sites/{id:length(16)}/audit", ["GET"], "Function", null),
            ["Geocode"] = ("httpTrigger", "geocode", ["GET"], "Anonymous", null),
            ["SubmitCorrection"] = ("httpTrigger", "sites/{id:length(16)}/corrections", ["POST"], "Anonymous", null),
            ["ListCorrections"] = ("httpTrigger", "manage/corrections", ["GET"], "Function", null),
            ["AcceptCorrection"] = ("httpTrigger", "manage/corrections/{id:maxlength(12)}/accept", ["POST"], "Function", null),
            ["RejectCorrection"] = ("httpTrigger", "manage/corrections/{id:maxlength(12)}/reject", ["POST"], "Function", null),
            ["IssueOperatorKey"] = ("httpTrigger", "manage/operators", ["POST"], "Function", null),
            ["ListOperatorKeys"] = ("httpTrigger", "manage/operators", ["GET"], "Function", null),
            ["RevokeOperatorKey"] = ("httpTrigger", "manage/operators/{keyId:maxlength(12)}", ["DELETE"], "Function", null),
            ["UploadGazetteer"] = ("httpTrigger", "manage/gazetteer", ["POST"], "Function", null),
            ["ListGazetteer"] = ("httpTrigger", "manage/gazetteer", ["GET"], "Function", null),
            ["OpenSitesFeed"] = ("httpTrigger", "open/sites.geojson", ["GET"], "Anonymous", null),
            ["OpenSiteChanges"] = ("httpTrigger", "open/changes", ["GET"], "Anonymous", null),
            ["Health"] = ("httpTrigger", "health", ["GET"], "Anonymous", null),
            ["Readiness"] = ("httpTrigger", "health/ready", ["GET"], "Anonymous", null),
            ["ProblemPage"] = ("httpTrigger", "problems/{name:maxlength(40)}", ["GET"], "Anonymous", null),
            ["OpenApiDocument"] = ("httpTrigger", "openapi.json", ["GET"], "Anonymous", null),
            ["UploadPlanningPlaces"] = ("httpTrigger", "manage/planning/places", ["POST"], "Function", null),
            ["UploadPlanningDistricts"] = ("httpTrigger", "manage/planning/districts", ["POST"], "Function", null),
            ["PlanningCoverage"] = ("httpTrigger", "planning/coverage", ["GET"], "Function", null),
            ["PlanningGaps"] = ("httpTrigger", "planning/gaps", ["GET"], "Function", null),
            ["PlanningCoverageMap"] = ("httpTrigger", "planning/coverage.svg", ["GET"], "Function", null),
            ["AppPages"] = ("httpTrigger", "app/{*path}", ["GET"], "Anonymous", null),
            ["BenchmarkFixedBody"] = ("httpTrigger", "bench/fixed/{bytes:int:maxlength(5)}", ["GET"], "Anonymous", null),
            ["ZzzUnmatchedRoute"] = ("httpTrigger", "{*path}", ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"], "Anonymous", null),
        };

        var actual = FunctionDefinition.Load(MetadataPath).ToDictionary(f => f.Name);
        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        foreach (var (name, e) in expected)
        {
            var f = actual[name];
            Assert.Equal(e.Trigger, f.TriggerType);
            Assert.Equal(e.Route, f.Route);
            Assert.Equal(e.Methods, f.Methods);
            Assert.Equal(e.Auth, f.AuthLevel);
            Assert.Equal(e.Schedule, f.Schedule);
            Assert.StartsWith("SiteFinder.Functions.", f.EntryPoint, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Entry_points_resolve_and_every_parameter_can_be_bound()
    {
        var assembly = typeof(SiteFinderServiceCollectionExtensions).Assembly;
        var definitions = FunctionDefinition.Load(MetadataPath);
        var invokers = definitions.Select(f => new FunctionInvoker(f, assembly)).ToList();
        Assert.Equal(definitions.Select(d => d.Name), invokers.Select(i => i.Definition.Name));
    }

    [Fact]
    public void Timer_schedules_resolve_from_the_sample_settings_as_six_field_ncrontab()
    {
        var sample = Path.Combine(RepositoryRoot(), "local.settings.sample.json");
        using var document = JsonDocument.Parse(File.ReadAllText(sample));
        var values = document.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => (string?)p.Value.GetString());
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var expectedNext = new Dictionary<string, DateTime>
        {
            ["PublishCatalogueSnapshot"] = new(2022, 4, 28, 0, 5, 0, DateTimeKind.Utc),
            ["AggregateStatus"] = new(2022, 4, 28, 0, 1, 0, DateTimeKind.Utc),
        };
        var timers = FunctionDefinition.Load(MetadataPath).Where(f => f.IsTimer).ToList();
        Assert.Equal(expectedNext.Keys.Order(), timers.Select(t => t.Name).Order());
        foreach (var timer in timers)
        {
            var next = TimerTriggerService.ParseSchedule(timer.Schedule!, configuration);
            Assert.Equal(expectedNext[timer.Name], next(new DateTime(2022, 4, 28, 0, 0, 30, DateTimeKind.Utc)));
        }
    }

    [Fact]
    public void A_missing_schedule_setting_is_a_clear_error()
    {
        var error = Assert.Throws<InvalidOperationException>(() => TimerTriggerService.ParseSchedule("%NOT_SET%", new ConfigurationBuilder().Build()));
        Assert.Contains("NOT_SET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Host_json_route_prefix_is_api() =>
        Assert.Equal("api", LocalFunctionsHost.RoutePrefix(Path.Combine(AppContext.BaseDirectory, "host.json")));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("Functions.sln not found above " + AppContext.BaseDirectory);
    }
}
