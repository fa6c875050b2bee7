namespace Fathom.Gateway.Functions;

/// <summary>The concrete version to run for a <see cref="FunctionTarget"/>.</summary>
/// <param name="FunctionName">The function's name.</param>
/// <param name="Version"><c>$LATEST</c> or a published version number; for a weighted alias, the version picked for this call.</param>
/// <param name="App">The app the function belongs to.</param>
/// <param name="Environment">The environment it is deployed in.</param>
public sealed record FunctionResolution(string FunctionName, string Version, string App, string Environment);
