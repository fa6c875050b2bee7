using Fathom.Packaging.Node;

namespace Fathom.Packaging.Tests.Node;

public sealed class NpmOutputTests
{
    private const string Output = """
        added 3 packages in 310ms
        npm warn install-scripts 2 packages have install scripts not yet covered by allowScripts:
        npm warn install-scripts   postinstall-postinstall@2.1.0 (postinstall: node ./run.js)
        npm warn install-scripts   @scope/native@1.0.0-beta.1 (install: node-gyp rebuild)
        npm warn install-scripts
        npm warn install-scripts Run `npm install-scripts ls` to review, or `npm install-scripts approve <pkg>` to allow.
        """;

    [Fact]
    public void SkippedInstallScripts_Npm11Warning_ListsEachPackageWithVersion()
    {
        var skipped = NpmOutput.SkippedInstallScripts(Output);

        skipped.Should().Equal("postinstall-postinstall@2.1.0", "@scope/native@1.0.0-beta.1");
    }

    [Fact]
    public void SkippedInstallScripts_CleanInstall_IsEmpty()
    {
        NpmOutput.SkippedInstallScripts("added 1 package in 200ms\n").Should().BeEmpty();
    }

    [Fact]
    public void DescribeSkipped_NamesFunctionPackagesAndTheAllowScriptsEntry()
    {
        var text = NpmOutput.DescribeSkipped("Hello", ["postinstall-postinstall@2.1.0", "@scope/native@1.0.0"]);

        text.Should().Contain("'Hello'")
            .And.Contain("postinstall-postinstall@2.1.0")
            .And.Contain("\"allowScripts\": { \"postinstall-postinstall\": true, \"@scope/native\": true }")
            .And.Contain("npm install-scripts approve postinstall-postinstall @scope/native");
    }
}
