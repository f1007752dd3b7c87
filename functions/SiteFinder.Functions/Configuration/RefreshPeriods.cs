namespace SiteFinder.Functions.Configuration;

/// <summary>
/// How often each instance polls the catalogue and status pointers: the refresh loop's pace, and the
/// readiness probe's yardstick. Made once from <see cref="TuningSettings"/>, which declares the settings.
/// </summary>
public sealed record RefreshPeriods(TimeSpan Catalogue, TimeSpan Status)
{
    /// <summary>The longer of the two: the longest an instance goes without reading storage while all is well.</summary>
    public TimeSpan Longest => Catalogue > Status ? Catalogue : Status;
}
