using System.Globalization;
using System.Text;
using SiteFinder.Domain.Sites;

namespace SiteFinder.Functions.Tests.Faults;

/// <summary>A site list in the shared CSV format, generated, so that the fault tests run without ../shared/data.</summary>
public static class GeneratedList
{
    public const string Header = "source_id,name,address,district,lng,lat,coord_system,hours,type,notes\n";

    private static readonly string[] Districts = ["黄浦区", "静安区", "徐汇区", "长宁区", "普陀区", "虹口区", "杨浦区", "浦东新区"];

    /// <summary><paramref name="count"/> open 24-hour sites around People's Square, source ids "{prefix}:{n}".</summary>
    public static string Csv(string prefix, int count)
    {
        var csv = new StringBuilder(Header);
        for (var i = 0; i < count; i++)
        {
            var lng = 121.40 + (i % 50 * 0.003);
            var lat = 31.15 + (i / 50 * 0.003);
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}:{i},故障测试采样点{i:D4},演示路{i}号,{Districts[i % Districts.Length]},{lng:F5},{lat:F5},WGS-84,24小时,便民,\n");
        }

        return csv.ToString();
    }

    public static string Id(string prefix, int n) => SiteIds.FromSourceId($"{prefix}:{n}");
}
