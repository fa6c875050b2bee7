using Fathom.Telemetry.Errors;

namespace Fathom.Telemetry.Tests.Errors;

public sealed class NodeStackParserTests
{
    [Fact]
    public void Parse_NamedAnonymousAndAsyncFrames_OutermostFirstWithPathsRelativeToTheApp()
    {
        var frames = NodeStackParser.Parse(
        [
            "TypeError: Cannot read properties of undefined (reading 'items')",
            "    at loadOrder (/var/task/src/app.js:3:9)",
            "    at /var/task/x.js:1:2",
            "    at async handler (/var/task/src/app.js:10:5)",
        ]);

        frames.Should().Equal(
            new ErrorFrame("handler", "src/app.js", 10, 5, true),
            new ErrorFrame(null, "x.js", 1, 2, true),
            new ErrorFrame("loadOrder", "src/app.js", 3, 9, true));
    }

    [Theory]
    [InlineData("    at Module._compile (node:internal/modules/cjs/loader:1256:14)", "node:internal/modules/cjs/loader")]
    [InlineData("    at Object.get (/var/task/node_modules/lodash/get.js:4:1)", "node_modules/lodash/get.js")]
    [InlineData("    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)", "/var/runtime/index.mjs")]
    [InlineData("    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)", "node:internal/process/task_queues")]
    public void ParseLine_NodeInternalsDependenciesAndTheRuntimeClient_AreNotInApp(string line, string file)
    {
        var frame = NodeStackParser.ParseLine(line);

        frame.Should().NotBeNull();
        frame!.InApp.Should().BeFalse();
        frame.File.Should().Be(file);
    }

    [Theory]
    [InlineData("TypeError: boom")]
    [InlineData("")]
    [InlineData("    at <anonymous>")]
    public void ParseLine_NotAFrameWithALocation_KeepsNoInAppFrame(string line) =>
        NodeStackParser.ParseLine(line)?.InApp.Should().NotBe(true);

    [Theory]
    [InlineData("    at refund (/var/task/src/bugs.js:13:9)")]
    [InlineData("    at refund (/srv/app/.fathom/artifacts/96d2b9e8cdf79fa621a4b4469e0aa1387276222c992521b1ff42b050134417b6/code/src/bugs.js:13:9)")]
    [InlineData("    at refund (file:///tmp/a/.fathom/artifacts/0123456789abcdef0123/code/src/bugs.js:13:9)")]
    public void ParseLine_SandboxedOrFromTheArtifactsCopy_IsTheSameInAppFile(string line)
    {
        var frame = NodeStackParser.ParseLine(line);

        frame.Should().Be(new ErrorFrame("refund", "src/bugs.js", 13, 9, InApp: true), "running without a sandbox must not split an issue");
    }
}
