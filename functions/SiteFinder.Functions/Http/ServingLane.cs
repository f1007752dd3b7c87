namespace SiteFinder.Functions.Http;

/// <summary>The lanes of <see cref="ServingLanes"/>.</summary>
public enum ServingLane
{
    /// <summary>Health and readiness: never limited.</summary>
    None,

    /// <summary>Anonymous reads, answered from memory.</summary>
    Read,

    /// <summary>Writes, operator requests, and the reads that wait on Azure Maps or storage.</summary>
    Write,
}
