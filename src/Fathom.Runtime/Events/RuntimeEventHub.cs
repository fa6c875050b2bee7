using Fathom.Platform.Events;

namespace Fathom.Runtime.Events;

/// <summary>The runtime's <see cref="LogLine"/> and <see cref="InvocationCompleted"/> events, one bounded queue per
/// subscriber (DESIGN.md "Invocation events").</summary>
public sealed class RuntimeEventHub : EventHub<RuntimeEvent>;
