using SiteFinder.Domain.Geocoding;

namespace SiteFinder.Domain.Tests.Geocoding;

public class PlaceNameTests
{
    [Theory]
    [InlineData("利津路１３１３弄", "利津路1313弄")]
    [InlineData("  翠湖 天地 ", "翠湖天地")]
    [InlineData("岚皋路196号,", "岚皋路196号")]
    [InlineData("曹杨新村（一村）", "曹杨新村一村")]
    [InlineData("“百联”·世纪购物中心！", "百联世纪购物中心")]
    [InlineData("ＡＢＣ大厦", "abc大厦")]
    [InlineData("Xintiandi, Block-A", "xintiandiblocka")]
    [InlineData("上海市浦东新区利津路", "浦东新区利津路")]
    [InlineData("上海浦东新区", "浦东新区")]
    [InlineData("浙江省杭州市西湖区青年路", "西湖区青年路")]
    [InlineData("黑龙江省哈尔滨", "哈尔滨")]
    [InlineData("杭州市西湖区", "西湖区")]
    [InlineData("农贸市场路1号", "农贸市场路1号")]
    [InlineData("浦东市民中心", "浦东市民中心")] // 市民 is part of the name, not a city before a district
    [InlineData("新城市花园", "新城市花园")]
    [InlineData("大连市瓦房店市新华路", "瓦房店市新华路")]
    [InlineData("上海", "上海")]
    [InlineData("上海市", "上海市")]
    [InlineData("上海站", "上海站")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Normalize_folds_width_drops_spacing_and_punctuation_and_the_city_prefix(string? text, string expected) =>
        Assert.Equal(expected, PlaceName.Normalize(text));

    [Theory]
    [InlineData("利津路1313弄", "利津路1313")]
    [InlineData("岚皋路196号", "岚皋路196")]
    [InlineData("汇南村", "汇南")]
    [InlineData("汇南村小区", "汇南")]
    [InlineData("曹杨新村", "曹杨")]
    [InlineData("翠湖天地", "翠湖天地")]
    [InlineData("新村", "新村")]
    [InlineData("一号", "一号")]
    [InlineData("x弄", "x弄")]
    public void Core_takes_off_the_trailing_words_residents_omit_but_keeps_two_characters(string normalized, string expected) =>
        Assert.Equal(expected, PlaceName.Core(normalized));

    [Theory]
    [InlineData("浦东新区", "浦东")]
    [InlineData("浦东", "浦东")]
    [InlineData("上海市黄浦区", "黄浦")]
    [InlineData("杭州市西湖区", "西湖")]
    [InlineData("西湖区 ", "西湖")]
    [InlineData("崇明县", "崇明")]
    [InlineData(null, "")]
    public void District_compares_with_and_without_city_and_suffix(string? district, string expected) =>
        Assert.Equal(expected, PlaceName.District(district));
}
