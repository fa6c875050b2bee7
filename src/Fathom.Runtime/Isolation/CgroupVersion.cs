namespace Fathom.Runtime.Isolation;

/// <summary>Which cgroup interface limits environments.</summary>
internal enum CgroupVersion
{
    /// No writable memory controller: the RSS watchdog is the fallback.
    None,

    /// Legacy hierarchies, one per controller (this project's standard machine).
    V1,

    /// The unified hierarchy.
    V2,
}
