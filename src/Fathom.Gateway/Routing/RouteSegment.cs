namespace Fathom.Gateway.Routing;

/// <summary>One segment of a path template: a literal, a <c>{name}</c> parameter or a greedy <c>{name+}</c>.</summary>
internal readonly record struct RouteSegment(string Text, bool IsParameter, bool IsGreedy);
