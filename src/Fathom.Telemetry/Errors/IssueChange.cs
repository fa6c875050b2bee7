namespace Fathom.Telemetry.Errors;

/// <summary>What storing an event or changing a state did to an issue: the tracker publishes it as a platform event.</summary>
/// <param name="IssueId">The issue.</param>
/// <param name="Kind"><c>issue.new</c>, <c>issue.regression</c> or <c>issue.state</c>.</param>
/// <param name="State">The state after the change.</param>
/// <param name="Title">The issue's title.</param>
/// <param name="Function">The function of the event or issue.</param>
/// <param name="Version">The version of the event, or the issue's last version.</param>
/// <param name="App">The issue's app.</param>
/// <param name="Environment">The issue's environment.</param>
public sealed record IssueChange(long IssueId, string Kind, string State, string Title, string Function, string Version, string App, string Environment);
