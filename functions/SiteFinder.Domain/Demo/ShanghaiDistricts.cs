using SiteFinder.Domain.Geo;

namespace SiteFinder.Domain.Demo;

/// <summary>A Shanghai district as the demo generator needs it: approximate WGS-84 centre and radius, 2020 census population.</summary>
public sealed record DistrictFact(string Name, int Adcode, GeoPoint Centre, double RadiusKm, int Population);

/// <summary>
/// Facts the code carries so the demo runs on any machine: the 16 districts of Shanghai with
/// their codes, rough centres and extents, and populations from the 2020 (7th) census.
/// Extents are circles of about the district's size, not boundaries.
/// </summary>
public static class ShanghaiDistricts
{
    public static IReadOnlyList<DistrictFact> All { get; } =
    [
        new("黄浦区", 310101, new GeoPoint(31.2317, 121.4846), 3.0, 662_030),
        new("徐汇区", 310104, new GeoPoint(31.1885, 121.4365), 5.0, 1_113_078),
        new("长宁区", 310105, new GeoPoint(31.2204, 121.4041), 4.5, 693_051),
        new("静安区", 310106, new GeoPoint(31.2570, 121.4530), 4.5, 975_707),
        new("普陀区", 310107, new GeoPoint(31.2495, 121.3972), 5.0, 1_239_856),
        new("虹口区", 310109, new GeoPoint(31.2746, 121.4950), 3.5, 757_498),
        new("杨浦区", 310110, new GeoPoint(31.2795, 121.5260), 4.5, 1_242_548),
        new("闵行区", 310112, new GeoPoint(31.1128, 121.3817), 12.0, 2_653_489),
        new("宝山区", 310113, new GeoPoint(31.3945, 121.4294), 11.0, 2_235_218),
        new("嘉定区", 310114, new GeoPoint(31.3547, 121.2455), 12.0, 1_834_258),
        new("浦东新区", 310115, new GeoPoint(31.1515, 121.6447), 22.0, 5_681_512),
        new("金山区", 310116, new GeoPoint(30.8417, 121.2420), 13.0, 822_776),
        new("松江区", 310117, new GeoPoint(31.0322, 121.2277), 13.0, 1_909_717),
        new("青浦区", 310118, new GeoPoint(31.1410, 121.0741), 15.0, 1_271_424),
        new("奉贤区", 310120, new GeoPoint(30.9180, 121.4940), 14.0, 1_140_872),
        new("崇明区", 310151, new GeoPoint(31.6229, 121.5670), 20.0, 637_921),
    ];
}
