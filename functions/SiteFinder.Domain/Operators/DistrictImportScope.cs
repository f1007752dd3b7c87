using SiteFinder.Domain.Import;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Operators;

/// <summary>
/// Which rows of an import a district operator may write: those of their own district. A row of
/// another district (or of none) is rejected with its error on <c>district</c>, like any invalid
/// row, and never stops the others. The city imports every row.
/// </summary>
public static class DistrictImportScope
{
    /// <summary>
    /// Plans only the rows <paramref name="by"/> may import, with <paramref name="plan"/> (the
    /// importer), and adds the rows refused here to its report in row order. Refused rows are left
    /// out before planning, so that they neither replace an accepted row with the same source id nor
    /// move the list's median point.
    /// </summary>
    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, OperatorIdentity by, Func<IReadOnlyList<SiteInput>, ImportPlan> plan) =>
        Plan(rows, by, new Dictionary<string, string>(), plan);

    /// <summary>
    /// As above, and a row naming a stored site (by its source id) of a district the key may not
    /// manage is refused too, whatever district the row says: otherwise a row could move another
    /// district's site into the operator's own. <paramref name="storedDistricts"/> maps site id → district.
    /// </summary>
    public static ImportPlan Plan(IReadOnlyList<SiteInput> rows, OperatorIdentity by, IReadOnlyDictionary<string, string> storedDistricts, Func<IReadOnlyList<SiteInput>, ImportPlan> plan)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(by);
        ArgumentNullException.ThrowIfNull(plan);
        if (by.IsCity)
            return plan(rows);

        var allowed = new List<SiteInput>(rows.Count);
        var refused = new List<RowReport>();
        foreach (var row in rows)
        {
            if (Problem(row, by, storedDistricts) is { } problem)
                refused.Add(new RowReport(row.Row, Trimmed(row["source_id"]), null, RowOutcome.Rejected) { Errors = [problem] });
            else
                allowed.Add(row);
        }

        var planned = plan(allowed);
        if (refused.Count == 0)
            return planned;

        var summary = planned.Report.Summary with
        {
            Received = planned.Report.Summary.Received + refused.Count,
            Rejected = planned.Report.Summary.Rejected + refused.Count,
        };
        var reports = planned.Report.Rows.Concat(refused).OrderBy(r => r.Row).ToList();
        return planned with { Report = new ImportReport(summary, reports) { ImportId = planned.Report.ImportId, Changes = planned.Report.Changes } };
    }

    /// <summary>Null when the row is in the operator's district; the importer trims districts, and so does this.</summary>
    public static FieldError? Problem(SiteInput row, OperatorIdentity by, IReadOnlyDictionary<string, string>? storedDistricts = null)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(by);
        if (Trimmed(row["source_id"]) is { } sourceId &&
            storedDistricts?.GetValueOrDefault(SiteIds.FromSourceId(sourceId)) is { } stored &&
            !by.MayManage(stored))
            return new FieldError("source_id", $"'{sourceId}' is a site of {stored}, outside this key's district: it imports {by.District} sites only");

        var district = Trimmed(row["district"]);
        if (by.MayManage(district ?? string.Empty))
            return null;
        return district is null
            ? new FieldError("district", $"required with a district operator's key: this key imports {by.District} sites only")
            : new FieldError("district", $"'{district}' is outside this key's district: it imports {by.District} sites only");
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
