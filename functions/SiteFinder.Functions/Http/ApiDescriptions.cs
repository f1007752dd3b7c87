using System.Text.Json;
using SiteFinder.Domain.Corrections;
using SiteFinder.Domain.Geo;
using SiteFinder.Domain.Sites;
using SiteFinder.Domain.Status;
using SiteFinder.Functions.OpenData;
using SiteFinder.Functions.Snapshots;
using SiteFinder.Functions.Storage;
using Q = SiteFinder.Functions.Http.OperationDescription.QueryParameter;

namespace SiteFinder.Functions.Http;

/// <summary>
/// The one hand-written part of the OpenAPI document: per function name, what its attributes do not say.
/// A function missing here fails the contract tests, so a new endpoint cannot be left out of the document.
/// </summary>
public static class ApiDescriptions
{
    private const string AdminKey = "adminKey";
    private const string StaffToken = "staffToken";

    private static readonly Q Coord = new("coord", "string", "Coordinate system of the points given and returned. Default wgs84; mini-programs (wx.getLocation type gcj02) send gcj02.") { Values = [.. Enum.GetValues<CoordinateSystem>().Select(c => c.ToLabel())] };
    private static readonly Q District = new("district", "string", "Only this district (区), as written in the catalogue (浦东新区).");
    private static readonly Q PlanningAt = new("at", "string", "Local Shanghai time, such as 2026-12-01T21:00 (no offset); default now.");
    private static readonly Q PlanningMinutes = new("minutes", "integer", "The walking limit in minutes, 1..60, default 15 (great-circle metres × 1.3 ÷ 80 m/min).");
    private static readonly Q PlanningDistrict = new("district", "string", "Only this district (区), as the places are placed in it (浦东新区).");
    private static readonly Q IfMatch = new("If-Match", "string", "The ETag of the version read; an edit without it is refused (428), with an old one answers 412.") { Required = true };

    /// <summary>
    /// HTTP functions that are not operations of the API, each with the reason it stays out of the
    /// document (and out of the rule that an operation refuses query names it does not read).
    /// </summary>
    public static IReadOnlyDictionary<string, string> OutsideDocument { get; } = new Dictionary<string, string>
    {
        ["AppPages"] = "the browser pages (HTML, CSS, ES modules), not JSON; they ignore the query, which WeChat appends to shared links",
        [UnmatchedRouteApi.Name] = "answers, with a problem, every path and method that no operation takes",
        [BenchmarkApi.Name] = "the HTTP benchmark's floor, a fixed body; off (404) unless BENCHMARK_ENDPOINTS is true, which Azure never sets",
    };

    /// <summary>Function name → description.</summary>
    public static IReadOnlyDictionary<string, OperationDescription> Operations { get; } = new Dictionary<string, OperationDescription>
    {
        ["NearbySites"] = new("Sites in service nearest a point (or an address), with distance, walk time, hours and live status.")
        {
            Query =
            [
                new("lat", "number", "Latitude of the resident, -90..90 (required unless address is given)."),
                new("lng", "number", "Longitude, -180..180 (required unless address is given)."),
                new("address", "string", "Where the resident is, as text, instead of lat and lng (at most 200 characters)."),
                Coord,
                new("limit", "integer", "How many sites, 1..50, default 10."),
                new("radius", "number", "Search radius in metres, 1..50,000, default 50,000."),
                new("open", "string", "now: only sites open now.") { Values = ["now"] },
                new("type", "string", "Only sites of this type.") { Values = Names<SiteType>() },
                new("audience", "string", "Whose sites: public, residents, or a group (supply-chain, enterprise-staff, key-groups, medical-staff) to add its reserved sites."),
                new("notBusy", "boolean", "Leave out sites reported busy."),
                new("sort", "string", "distance (default) or time (walk plus expected wait).") { Values = Names<NearbySort>() },
            ],
            Responses = new Dictionary<int, Type?> { [200] = typeof(NearbyPage) },
            Problems = [400, 404, 429, 503],
        },
        ["GetSite"] = new("One site with its full weekly hours, notes and source.")
        {
            Query = [Coord],
            Responses = new Dictionary<int, Type?> { [200] = typeof(SiteView) },
            Problems = [400, 404, 503],
        },
        ["SearchSites"] = new("Sites whose name or address matches a keyword, in a district or city, best match first, paged.")
        {
            Query =
            [
                new("q", "string", "Keyword in the name or address."),
                District,
                new("city", "string", "Only this city."),
                new("limit", "integer", "Page size, 1..100, default 20."),
                Coord,
                new("lat", "number", "With lng: rank nearer sites higher."),
                new("lng", "number", "With lat."),
                new("cursor", "string", "The cursor of the previous page."),
            ],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<SiteView>) },
            Problems = [400, 503],
        },
        ["ListDistricts"] = new("Every district with its counts of sites by state and open now.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<DistrictSummary>) },
            Problems = [503],
        },
        ["DistrictOutlines"] = new("The district outlines the city uploaded for planning, each outer ring thinned to within toleranceMeters (20 m), as [lng, lat] in coord: for maps a client draws itself. Empty before any upload.")
        {
            Query = [Coord],
            Responses = new Dictionary<int, Type?> { [200] = typeof(DistrictOutlinesView) },
            Problems = [400, 503],
        },
        ["SiteBusyness"] = new("Typical busyness of a site by local hour over the last 14 days.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<TypicalHour>) },
            Problems = [404, 503],
        },
        ["ReportStatus"] = new("A site's staff report how busy it is (x-staff-token of that site); a demo token's reports show as source demo.")
        {
            Body = new(["application/json"], "{\"level\": \"idle\"|\"normal\"|\"busy\"|\"paused\"} or {\"queueLength\", \"openWindows\"}, optionally with \"clientReportId\" (1 to 64 letters, digits, '-' or '_') so that a retried tap is stored once."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(StatusReportAnswer), [201] = typeof(StatusReportAnswer) },
            Problems = [400, 401, 403, 404, 413, 503],
            Credential = StaffToken,
        },
        ["SubmitCorrection"] = new("A resident reports that a site's details are wrong (closed, moved, other hours).")
        {
            Body = new(["application/json"], "{\"kind\": \"closed\"|\"wrong-location\"|\"wrong-hours\"|\"long-queue\"|\"not-public\"|\"other\", \"text\"?: at most 300 characters, \"location\"?: {lat, lng, coord}}; at most 4 KB."),
            Responses = new Dictionary<int, Type?> { [202] = typeof(CorrectionReceipt) },
            Problems = [400, 404, 413, 429, 503],
        },
        ["Geocode"] = new("Places matching a text: sites, gazetteer entries and Azure Maps results.")
        {
            Query = [new("q", "string", "The text (at most 200 characters).") { Required = true }, District, Coord, new("limit", "integer", "How many places, 1..20, default 5.")],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<PlaceView>) },
            Problems = [400, 404, 429, 503],
        },
        ["Health"] = new("Liveness: a fixed answer that touches neither storage nor the catalogue.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(HealthAnswer) },
        },
        ["Readiness"] = new("Readiness: whether storage answers and the catalogue is loaded (503 with the same body when not).")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ReadinessReport), [503] = typeof(ReadinessReport) },
        },
        ["ProblemPage"] = new("The page a problem type resolves to: its code, title, HTTP status and what it means.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ProblemPageView) },
            Problems = [404],
        },
        ["OpenSitesFeed"] = new("Every site in service as a GeoJSON FeatureCollection (RFC 7946, WGS-84; GCJ-02 in the properties), with its licence and usage note; an ETag, If-None-Match answers 304.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(OpenFeatureCollection), [304] = null },
            ResponseMediaType = "application/geo+json",
            Headers = [new("If-None-Match", "string", "The ETag of a copy held: 304 when it is still current.")],
            Problems = [503],
        },
        ["OpenSiteChanges"] = new("The sites changed (upsert) or gone out of service (removed) after a cursor, oldest first, paged.")
        {
            Query = [new("since", "string", "The cursor of the last change read, or an ISO 8601 instant; none for every site in service."), new("limit", "integer", "How many changes, 1..1000, default 200.")],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<OpenChange>) },
            Problems = [400, 503],
        },
        ["OpenApiDocument"] = new("This document (OpenAPI 3.1), with an ETag; If-None-Match answers 304.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(object), [304] = null },
            Headers = [new("If-None-Match", "string", "The ETag of a copy held: 304 when it is still current.")],
        },
        ["ImportSites"] = new("Import a site list (CSV or JSON): adds, updates and, with closeMissing, closes sites; a dry run reports only.")
        {
            Query = [new("dryRun", "boolean", "Report what would change without writing."), new("closeMissing", "boolean", "Close sites of the operator's district missing from the list.")],
            Body = new(["text/csv", "application/json"], "A CSV (with charset) in the template's columns, or a JSON array of rows with the same fields."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(ImportAnswer) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["SiteListTemplate"] = new("The CSV template of a site list, with its header row.")
        {
            ResponseMediaType = "text/csv",
            Problems = [401],
            Credential = AdminKey,
        },
        ["RecordThroughput"] = new("Record how many people sites served per hour (a batch of counts).")
        {
            Body = new(["application/json"], "{\"counts\": [{\"siteId\", \"minute\": ISO-8601 UTC minute, \"samples\"}]}, at most 1,000 counts; a minute sent again replaces it."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(ThroughputAnswer) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["IssueStaffToken"] = new("Issue a staff token for a site (shown once); rotate=true revokes the others.")
        {
            Query = [new("rotate", "boolean", "Revoke the site's other tokens.")],
            Responses = new Dictionary<int, Type?> { [201] = typeof(IssuedStaffToken) },
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["ListStaffTokens"] = new("The staff tokens of a site (ids, dates and source: demo for the demo feeder's; never the tokens).")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<StaffTokenInfo>) },
            Problems = [401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["RevokeStaffToken"] = new("Revoke one staff token of a site.")
        {
            Responses = new Dictionary<int, Type?> { [204] = null },
            Problems = [401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["StaleSites"] = new("Open sites whose status is older than its TTL, oldest first.")
        {
            Query = [District],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<StaleSiteView>) },
            Problems = [400, 401, 403, 503],
            Credential = AdminKey,
        },
        ["OperatorWhoAmI"] = new("Who the x-admin-key belongs to: the city (every district) or a district operator, with the district.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(OperatorWhoAmI) },
            Problems = [400, 401, 503],
            Credential = AdminKey,
        },
        ["ParseHours"] = new("How a text of opening hours reads, as an edit or an import would store it; nothing is written.")
        {
            Query = [new("text", "string", $"The hours text (at most {OperatorConsoleApi.MaxHoursLength} characters); none reads as empty.")],
            Responses = new Dictionary<int, Type?> { [200] = typeof(HoursView) },
            Problems = [400, 401, 503],
            Credential = AdminKey,
        },
        ["GetSiteForEdit"] = new("The operator's view of a site: every stored field, its version in ETag.")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(OperatorSiteView) },
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["EditSite"] = new("Change a site's fields (JSON merge patch: null clears a field); If-Match must carry the version read.")
        {
            Headers = [IfMatch],
            Body = new(["application/merge-patch+json", "application/json"], "The fields of the operator's site view to change."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(EditAnswer) },
            Problems = [400, 401, 403, 404, 412, 413, 428, 503],
            Credential = AdminKey,
        },
        ["SiteAuditTrail"] = new("Who changed a site, when and what, newest first, paged.")
        {
            Query = [new("limit", "integer", "Page size, 1..100, default 20."), new("cursor", "string", "The cursor of the previous page.")],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<AuditEntryView>) },
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["ListCorrections"] = new("Residents' corrections grouped by site and kind, for an operator to decide.")
        {
            Query =
            [
                District,
                new("state", "string", "pending (default), accepted or rejected.") { Values = Names<CorrectionState>() },
                new("kind", "string", "Only corrections of this kind."),
                new("siteId", "string", "Only this site's corrections."),
            ],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<CorrectionGroupView>) },
            Problems = [400, 401, 403, 503],
            Credential = AdminKey,
        },
        ["AcceptCorrection"] = new("Accept a correction, applying it (a change to the site needs If-Match).")
        {
            Body = new(["application/json"], "Optional: {\"change\": {site fields as in EditSite}}, the value to apply for kinds that do not carry one."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(CorrectionDecision) },
            Problems = [400, 401, 403, 404, 409, 412, 413, 428, 503],
            Credential = AdminKey,
        },
        ["RejectCorrection"] = new("Reject a correction.")
        {
            Body = new(["application/json"], "{\"reason\"}: required; rejecting 'closed' is the operator's word that the site is open."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(CorrectionDecision) },
            Problems = [400, 401, 403, 404, 409, 413, 503],
            Credential = AdminKey,
        },
        ["IssueOperatorKey"] = new("Issue a district operator's key (city key only; shown once).")
        {
            Body = new(["application/json"], "{\"name\", \"district\"}: each required, at most 100 characters."),
            Responses = new Dictionary<int, Type?> { [201] = typeof(IssuedOperatorKey) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["ListOperatorKeys"] = new("The operator keys (ids, names, districts, dates; never the keys).")
        {
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<OperatorKeyInfo>) },
            Problems = [401, 403, 503],
            Credential = AdminKey,
        },
        ["RevokeOperatorKey"] = new("Revoke an operator key.")
        {
            Responses = new Dictionary<int, Type?> { [204] = null },
            Problems = [401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["UploadGazetteer"] = new("Upload the gazetteer of named places (compounds, streets) used to place addresses.")
        {
            Body = new(["text/csv", "application/json"], "The places, as CSV or a JSON array."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(GazetteerUploadAnswer) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["ListGazetteer"] = new("The gazetteer's places, paged.")
        {
            Query = [new("limit", "integer", "Page size, 1..1000, default 100."), new("cursor", "integer", "The cursor of the previous page."), Coord],
            Responses = new Dictionary<int, Type?> { [200] = typeof(ListPage<GazetteerEntryView>) },
            Problems = [400, 401, 403, 503],
            Credential = AdminKey,
        },
        ["UploadPlanningPlaces"] = new("Upload the residential places planners measure coverage for (replaces them whole): CSV with the places file's columns, or JSON; an optional weight column (households, residents).")
        {
            Body = new(["text/csv", "application/json"], "The places, as CSV (name or place_name, district, lng, lat, coord or coord_system, optional weight) or a JSON array of the same fields."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(PlanningPlacesUploadView) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["UploadPlanningDistricts"] = new("Upload district boundaries (replaces them whole): a GeoJSON FeatureCollection of Polygon or MultiPolygon features with a name property. Places are placed in a district by them, else by their own district field.")
        {
            Query = [new("coord", "string", "Coordinate system of the file's positions. Default wgs84 (GeoJSON's); the DataV district files are gcj02.") { Values = [.. Enum.GetValues<CoordinateSystem>().Select(c => c.ToLabel())] }],
            Body = new(["application/geo+json", "application/json"], "A GeoJSON FeatureCollection."),
            Responses = new Dictionary<int, Type?> { [200] = typeof(PlanningDistrictsUploadView) },
            Problems = [400, 401, 403, 413, 503],
            Credential = AdminKey,
        },
        ["PlanningCoverage"] = new("Who lives within a walk of an open public site at an instant: per district and for the city, places and weight, covered shares, median and 90th-percentile walking minutes.")
        {
            Query = [PlanningAt, PlanningMinutes, PlanningDistrict],
            Responses = new Dictionary<int, Type?> { [200] = typeof(PlanningCoverageView) },
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["PlanningGaps"] = new("Clusters of places without an open public site within the walk, largest weight first, and up to ten suggested new sites chosen greedily, each with its gain.")
        {
            Query = [PlanningAt, PlanningMinutes, PlanningDistrict, new("limit", "integer", "How many clusters, 1..1000, default 100 (clusterCount gives them all)."), Coord],
            Responses = new Dictionary<int, Type?> { [200] = typeof(PlanningGapsView) },
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
        ["PlanningCoverageMap"] = new("The gaps answer drawn as an SVG map: district outlines, open public sites by type, covered and uncovered places, gap clusters, numbered suggested sites, a legend and a scale bar (equirectangular about 31.2° N; nothing fetched from elsewhere).")
        {
            Query = [PlanningAt, PlanningMinutes, PlanningDistrict],
            ResponseMediaType = "image/svg+xml",
            Problems = [400, 401, 403, 404, 503],
            Credential = AdminKey,
        },
    };

    /// <summary>An enum's values as the API reads and writes them (camelCase), so the document lists what the code accepts.</summary>
    private static string[] Names<T>()
        where T : struct, Enum => [.. Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName)];
}
