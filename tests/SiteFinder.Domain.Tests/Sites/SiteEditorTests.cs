using SiteFinder.Domain.Sites;

namespace SiteFinder.Domain.Tests.Sites;

public sealed class SiteEditorTests
{
    private static readonly DateTimeOffset Now = new(2022, 4, 28, 6, 0, 0, TimeSpan.Zero); // 14:00 in Shanghai

    private static readonly SiteRecord Site = new()
    {
        Id = "0123456789abcdef",
        SourceId = "s:1",
        Name = "人民广场采样点",
        Address = "人民大道1号",
        District = "黄浦区",
        Lat = 31.2304,
        Lng = 121.4737,
        SourceLat = 31.2304,
        SourceLng = 121.4737,
        Hours = "8:00-11:00",
        State = nameof(SiteState.Open),
        LocationApproximate = true,
    };

    private static SitePatch Texts(params (string Field, string? Value)[] texts) =>
        new() { Texts = texts.ToDictionary(t => t.Field, t => t.Value) };

    [Fact]
    public void A_valid_edit_changes_only_the_fields_given_and_names_them()
    {
        var result = SiteEditor.Apply(Site, Texts(("name", " 新名字 "), ("phone", "021-1")), "浦东-张三", Now);

        Assert.True(result.IsValid);
        Assert.Equal("新名字", result.After!.Name);
        Assert.Equal("021-1", result.After.Phone);
        Assert.Equal(Site.Address, result.After.Address);
        Assert.Equal("浦东-张三", result.After.UpdatedBy);
        Assert.Equal(Now, result.After.UpdatedAt);
        Assert.Equal(["name", "phone"], result.Changes.Select(c => c.Field));
    }

    [Fact]
    public void One_bad_field_and_nothing_is_applied()
    {
        var result = SiteEditor.Apply(Site, Texts(("name", "新名字"), ("state", "gone"), ("type", "tent")), "city", Now);

        Assert.False(result.IsValid);
        Assert.Null(result.After);
        Assert.Equal(["state", "type"], result.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("name", null)]
    [InlineData("name", "  ")]
    [InlineData("state", null)]
    public void Required_fields_cannot_be_cleared(string field, string? value)
    {
        var result = SiteEditor.Apply(Site, Texts((field, value)), "city", Now);
        Assert.True(result.Errors.ContainsKey(field));
    }

    [Fact]
    public void An_edit_that_changes_nothing_is_valid_and_writes_nothing()
    {
        var result = SiteEditor.Apply(Site, Texts(("name", Site.Name)), "city", Now);
        Assert.True(result.IsValid);
        Assert.Empty(result.Changes);
        Assert.Same(Site, result.After);
    }

    [Fact]
    public void A_suspension_ends_at_its_end_without_another_write()
    {
        var result = SiteEditor.Apply(Site, Texts(("state", "suspended"), ("suspendedUntil", "2022-04-28T16:00:00"), ("stateReason", "消毒")), "city", Now);
        var site = result.After!.ToSite();

        // No offset: Shanghai time, so 16:00 there is 08:00 UTC.
        Assert.Equal(new DateTimeOffset(2022, 4, 28, 8, 0, 0, TimeSpan.Zero), site.SuspendedUntil);
        Assert.Equal(SiteState.Suspended, site.StateAt(Now));
        Assert.Equal(SiteState.Suspended, site.StateAt(site.SuspendedUntil!.Value.AddTicks(-1)));
        Assert.Equal(SiteState.Open, site.StateAt(site.SuspendedUntil!.Value));
        Assert.True(site.MayBeInService);
        Assert.Equal("消毒", site.StateReason);
    }

    [Theory]
    [InlineData("2022-04-28T05:00:00Z", "must be in the future")]
    [InlineData("2022-06-28T05:00:00Z", "at most 30 days")]
    [InlineData("tomorrow", "ISO 8601")]
    public void A_suspension_end_must_be_a_near_future_time(string until, string message)
    {
        var result = SiteEditor.Apply(Site, Texts(("state", "suspended"), ("suspendedUntil", until)), "city", Now);
        Assert.Contains(message, result.Errors["suspendedUntil"], StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_needs_a_suspended_site_and_a_new_state_drops_the_old_reason_and_end()
    {
        var open = SiteEditor.Apply(Site, Texts(("suspendedUntil", "2022-04-28T16:00:00+08:00")), "city", Now);
        Assert.True(open.Errors.ContainsKey("suspendedUntil"));

        var suspended = SiteEditor.Apply(Site, Texts(("state", "suspended"), ("suspendedUntil", "2022-04-28T16:00:00+08:00"), ("stateReason", "消毒")), "city", Now).After!;
        var closed = SiteEditor.Apply(suspended, Texts(("state", "closed")), "city", Now).After!;
        Assert.Equal(nameof(SiteState.Closed), closed.State);
        Assert.Null(closed.SuspendedUntil);
        Assert.Null(closed.StateReason);
    }

    [Fact]
    public void Editing_a_site_whose_suspension_has_ended_stores_it_as_open()
    {
        var suspended = SiteEditor.Apply(Site, Texts(("state", "suspended"), ("suspendedUntil", "2022-04-28T15:00:00+08:00")), "city", Now).After!;
        var later = Now.AddHours(2);
        var edited = SiteEditor.Apply(suspended, Texts(("phone", "021-2")), "city", later);

        Assert.Equal(nameof(SiteState.Open), edited.After!.State);
        Assert.Null(edited.After.SuspendedUntil);
        Assert.Contains(edited.Changes, c => c.Field == "state" && c.Before == "Suspended" && c.After == "Open");
    }

    [Fact]
    public void A_location_is_read_in_its_system_stored_in_wgs84_and_no_longer_approximate()
    {
        var result = SiteEditor.Apply(Site, new SitePatch { Location = new PatchLocation(31.2290, 121.4800, "gcj02") }, "city", Now);
        var after = result.After!;

        Assert.Equal("gcj02", after.SourceCoord);
        Assert.Equal(31.2290, after.SourceLat);
        Assert.InRange(Math.Abs(after.Lat - 31.2290), 0.001, 0.01); // GCJ-02 is a few hundred metres off WGS-84 in Shanghai
        Assert.False(after.LocationApproximate);
    }

    [Theory]
    [InlineData(0.0, 0.0, "wgs84", "location")]
    [InlineData(51.5, -0.12, "wgs84", "location")]
    [InlineData(31.2, 121.4, "utm", "location.coord")]
    [InlineData(double.NaN, 121.4, "wgs84", "location.lat")]
    public void Impossible_locations_are_refused(double lat, double lng, string coord, string field)
    {
        var result = SiteEditor.Apply(Site, new SitePatch { Location = new PatchLocation(lat, lng, coord) }, "city", Now);
        Assert.True(result.Errors.ContainsKey(field), string.Join(", ", result.Errors.Keys));
    }

    [Theory]
    [InlineData(new[] { "public" }, AudienceKind.Public)]
    [InlineData(new[] { "residents" }, AudienceKind.Residents)]
    [InlineData(new[] { "supply-chain", "key-groups" }, AudienceKind.Groups)]
    public void The_audience_is_public_residents_or_known_groups(string[] audience, AudienceKind kind)
    {
        var result = SiteEditor.Apply(Site, new SitePatch { Audience = audience }, "city", Now);
        Assert.Equal(kind, result.After!.ToSite().Audience.Kind);
    }

    [Fact]
    public void An_unknown_audience_is_refused()
    {
        var result = SiteEditor.Apply(Site, new SitePatch { Audience = ["public", "everyone"] }, "city", Now);
        Assert.True(result.Errors.ContainsKey("audience"));
    }

    [Fact]
    public void Lengths_follow_the_import_limits()
    {
        var result = SiteEditor.Apply(Site, Texts(("notes", new string('x', 4001))), "city", Now);
        Assert.Contains("at most 4000", result.Errors["notes"], StringComparison.Ordinal);
    }
}
