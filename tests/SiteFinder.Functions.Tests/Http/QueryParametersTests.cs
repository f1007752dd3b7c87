using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using SiteFinder.Functions.Http;

namespace SiteFinder.Functions.Tests.Http;

/// <summary>The one query reader refuses names it was not asked for, so a typo is a 400, not a confident wrong answer.</summary>
public sealed class QueryParametersTests
{
    private static QueryCollection Query(params (string Name, string Value)[] pairs) =>
        new(pairs.GroupBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => new StringValues([.. g.Select(p => p.Value)]), StringComparer.OrdinalIgnoreCase));

    [Theory]
    [InlineData("coord", "coord", 0)]
    [InlineData("coords", "coord", 1)]
    [InlineData("Coord", "coord", 0)]
    [InlineData("lon", "lng", 2)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "sort", 4)]
    public void Distance_counts_insertions_deletions_and_substitutions_case_ignored_by_the_caller(string a, string b, int expected) =>
        Assert.Equal(expected, ClosestName.Distance(a.ToLowerInvariant(), b));

    [Theory]
    [InlineData("coords", "coord")]
    [InlineData("COORDS", "coord")]
    [InlineData("lon", "lng")]
    [InlineData("longitude", "lng")]
    [InlineData("Latitude", "lat")]
    [InlineData("radiusMeters", "radius")]
    [InlineData("notbusy", "notBusy")]
    [InlineData("limt", "limit")]
    [InlineData("audiance", "audience")]
    public void The_closest_known_name_is_suggested(string typed, string expected) =>
        Assert.Equal(expected, ClosestName.Of(typed, ["address", "lat", "lng", "coord", "limit", "radius", "open", "type", "audience", "notBusy", "sort"]));

    [Theory]
    [InlineData("wheelchair")]
    [InlineData("callback")]
    public void A_name_far_from_every_known_one_gets_no_suggestion(string typed) =>
        Assert.Null(ClosestName.Of(typed, ["lat", "lng", "coord", "limit"]));

    [Theory]
    [InlineData("31\u0000")]
    [InlineData("31\r\n")]
    [InlineData("31\n")]
    [InlineData("\u000031")]
    [InlineData("31\u007f")]
    [InlineData("31\u001f")]
    [InlineData("31\u0085")]
    [InlineData("31\u009f")]
    public void A_value_with_a_control_character_is_refused_not_read_as_the_number_before_it(string value)
    {
        var parameters = new QueryParameters(Query(("lat", value), ("q", "上海" + value)));
        Assert.Null(parameters.Double("lat", -90, 90, required: true));
        Assert.Null(parameters.Text("q"));

        Assert.Equal(["lat", "q"], parameters.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.StartsWith("contains a control character", parameters.Errors["lat"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_numbers_with_spaces_inside_text_are_still_read()
    {
        var parameters = new QueryParameters(Query(("lat", "31.25"), ("q", "人民 广场")));
        Assert.Equal(31.25, parameters.Double("lat", -90, 90, required: true));
        Assert.Equal("人民 广场", parameters.Text("q"));
        Assert.False(parameters.HasErrors);
    }

    [Fact]
    public void Names_not_read_are_refused_and_names_read_or_accepted_are_not()
    {
        var parameters = new QueryParameters(Query(("lat", "31.2"), ("coords", "gcj02"), ("cursor", "x"), ("code", "key")));
        _ = parameters.Double("lat", -90, 90, required: true);
        _ = parameters.Coord();
        parameters.Accept("cursor").RefuseUnknown();

        Assert.Equal(["coords"], parameters.Errors.Keys);
        Assert.Equal("not a parameter of this endpoint; did you mean coord? It reads lat, coord, cursor", parameters.Errors["coords"][0]);
    }

    [Fact]
    public void Without_a_close_name_the_message_lists_what_the_endpoint_reads()
    {
        var parameters = new QueryParameters(Query(("lat", "31.2"), ("wheelchair", "yes")));
        _ = parameters.Double("lat", -90, 90, required: true);
        parameters.RefuseUnknown();

        Assert.Equal("not a parameter of this endpoint. It reads lat", parameters.Errors["wheelchair"][0]);
    }

    [Fact]
    public void An_endpoint_that_reads_no_parameter_refuses_any_but_the_function_key()
    {
        Assert.Null(QueryParameters.RefuseAny(Query(("code", "key"))));
        Assert.Null(QueryParameters.RefuseAny(Query()));
        var refused = QueryParameters.RefuseAny(Query(("dryRun", "true")));
        Assert.NotNull(refused);
        Assert.Equal(400, refused.StatusCode);
    }

    [Fact]
    public void A_name_given_twice_is_refused_by_name()
    {
        var parameters = new QueryParameters(Query(("lat", "1"), ("lat", "2")));
        _ = parameters.Double("lat", -90, 90, required: true);
        parameters.RefuseUnknown();

        Assert.Equal(["lat"], parameters.Errors.Keys);
        Assert.Equal("given more than once", parameters.Errors["lat"][0]);
    }
}
