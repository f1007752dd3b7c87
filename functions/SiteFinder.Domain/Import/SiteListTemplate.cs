namespace SiteFinder.Domain.Import;

/// <summary>
/// The CSV an operator fills in: every column the import reads, required ones first, and two rows
/// that show the forms it takes (a GCJ-02 point from AMap, a WGS-84 one from GPS; hours as the lists
/// write them; a site reserved for one group).
/// </summary>
public static class SiteListTemplate
{
    public static string Csv { get; } = string.Join("\r\n",
    [
        Row([.. SiteInput.Columns.Concat(SiteInput.OptionalColumns)]),
        Row(["pd:0001", "张江镇便民采样点", "张江路1号", "浦东新区", "121.5906", "31.2036", "GCJ-02", "周一至周日 8:00-11:30、13:00-17:00", "便民采样点", "", "张江镇", "021-50000000", "", "open"]),
        Row(["hp:0002", "人民广场常态化核酸采样点", "人民大道200号", "黄浦区", "121.4737", "31.2304", "WGS-84", "24小时", "固定采样点", "夜间请走北门", "南京东路街道", "", "供应链保供人员", "open"]),
        string.Empty,
    ]);

    /// <summary>A CSV line whose cells a spreadsheet shows as text (<see cref="SpreadsheetCell"/>); none of these needs quoting.</summary>
    private static string Row(string[] cells) => string.Join(',', cells.Select(SpreadsheetCell.ForCsv));
}
