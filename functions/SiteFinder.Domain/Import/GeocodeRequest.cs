namespace SiteFinder.Domain.Import;

/// <summary>
/// A row that gives no point and needs one: <see cref="Query"/> is the text sent to Azure Maps
/// (city, district and address, e.g. 上海市黄浦区人民大道200号); <see cref="Names"/> are the texts
/// matched against the gazetteer (the address without city and district, then the site's name),
/// with <see cref="District"/> to keep a same-named place of another district out.
/// </summary>
public sealed record GeocodeRequest(int Row, string Query, IReadOnlyList<string> Names, string District);
