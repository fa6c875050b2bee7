using System.Runtime.Versioning;
using Fathom.Packaging.Artifacts;
using Microsoft.Extensions.Time.Testing;

namespace Fathom.Packaging.Tests.Artifacts;

[UnsupportedOSPlatform("windows")]
public sealed class ArtifactBuilderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string Source => _temp.Combine("src");

    private string Artifacts => _temp.Combine(".fathom", "artifacts");

    public void Dispose() => _temp.Dispose();

    private PackageRequest Request(string runtime = "nodejs20.x", string function = "Hello") => new()
    {
        FunctionName = function,
        Runtime = runtime,
        CodeDirectory = Source,
        ArtifactsDirectory = Artifacts,
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BuildAsync_NodeFunctionWithDependency_InstallsItIntoTheArtifactOnly()
    {
        _temp.Write("src/index.js", "exports.handler = async () => require('is-number')(5);");
        _temp.Write("src/package.json", """{"name":"hello","version":"1.0.0","dependencies":{"is-number":"7.0.0"}}""");

        var result = await new ArtifactBuilder().BuildAsync(Request(), Ct);

        result.Reused.Should().BeFalse();
        result.Hash.Should().MatchRegex("^[0-9a-f]{64}$");
        result.ArtifactDirectory.Should().Be(Path.Combine(Artifacts, result.Hash));
        File.ReadAllText(Path.Combine(result.CodeDirectory, "index.js")).Should().Contain("is-number");
        File.Exists(Path.Combine(result.CodeDirectory, "node_modules", "is-number", "package.json")).Should().BeTrue();
        Directory.Exists(Path.Combine(Source, "node_modules")).Should().BeFalse("the user's directory is never touched");
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task BuildAsync_UnchangedCode_ReusesTheArtifactWithoutRunningNpm()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        _temp.Write("src/package.json", """{"name":"hello","version":"1.0.0","dependencies":{"is-number":"7.0.0"}}""");
        var first = await new ArtifactBuilder().BuildAsync(Request(), Ct);
        var marker = Path.Combine(first.CodeDirectory, "node_modules", "marker");
        File.WriteAllText(marker, "still the same folder");

        // A fresh builder has no cached file hashes, like a restarted `fathom up`; npm that cannot run proves none ran.
        var again = await new ArtifactBuilder(new ArtifactBuilderOptions { NpmPath = _temp.Combine("no-npm-here") }).BuildAsync(Request(), Ct);

        again.Reused.Should().BeTrue();
        again.Hash.Should().Be(first.Hash);
        again.BuildOutput.Should().BeEmpty();
        File.Exists(marker).Should().BeTrue();
    }

    [Fact]
    public async Task BuildAsync_ChangedFile_GetsANewHashAndArtifact()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        var builder = new ArtifactBuilder();
        var first = await builder.BuildAsync(Request(), Ct);

        _temp.Write("src/index.js", "exports.handler = async () => 2;");
        var second = await builder.BuildAsync(Request(), Ct);

        second.Hash.Should().NotBe(first.Hash);
        second.Reused.Should().BeFalse();
        File.ReadAllText(Path.Combine(second.CodeDirectory, "index.js")).Should().Contain("2");
        File.ReadAllText(Path.Combine(first.CodeDirectory, "index.js")).Should().Contain("1", "earlier artifacts stay as they were");
    }

    [Fact]
    public async Task BuildAsync_ExcludedDirectories_AreNeitherHashedNorCopied()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        var builder = new ArtifactBuilder();
        var before = builder.ComputeHash(Request());

        _temp.Write("src/.git/HEAD", "ref: refs/heads/main");
        _temp.Write("src/.fathom/state.db", "x");
        _temp.Write("src/.aws-sam/build/out.js", "x");
        _temp.Write("src/node_modules/left-pad/index.js", "x");
        _temp.Write("src/lib/node_modules/nested/index.js", "x");
        var result = await builder.BuildAsync(Request(), Ct);

        result.Hash.Should().Be(before);
        Directory.EnumerateFileSystemEntries(result.CodeDirectory, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(result.CodeDirectory, p))
            .Should().Equal("index.js");
    }

    [Fact]
    public async Task BuildAsync_ArtifactsInsideTheCodeDirectory_AreNotPackagedIntoThemselves()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        var request = Request() with { ArtifactsDirectory = Path.Combine(Source, "build-artifacts") };
        var builder = new ArtifactBuilder();
        var first = await builder.BuildAsync(request, Ct);

        var second = await builder.BuildAsync(request, Ct);

        second.Hash.Should().Be(first.Hash);
        second.Reused.Should().BeTrue();
    }

    [Fact]
    public void ComputeHash_RuntimeChange_GetsANewHash()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        var builder = new ArtifactBuilder();

        var node20 = builder.ComputeHash(Request("nodejs20.x"));
        var node22 = builder.ComputeHash(Request("nodejs22.x"));

        node22.Should().NotBe(node20);
    }

    [Fact]
    public async Task BuildAsync_NpmFails_MessageNamesTheFunctionAndShowsNpmOutput()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        _temp.Write("src/package.json", """{"name":"hello", "dependencies": {""");

        var act = () => new ArtifactBuilder().BuildAsync(Request(function: "Broken"), Ct);

        var error = (await act.Should().ThrowAsync<PackageException>()).Which;
        error.FunctionName.Should().Be("Broken");
        error.Message.Should().Contain("'Broken'").And.Contain("npm install").And.Contain("EJSONPARSE");
        error.ToolOutput.Should().Contain("EJSONPARSE");
        Directory.EnumerateDirectories(Artifacts).Should().BeEmpty("a failed build leaves nothing behind");
    }

    [Fact]
    public async Task BuildAsync_DependencyInstallScriptNotAllowed_WarnsWithPackageAndAllowScriptsHint()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        _temp.Write("src/package.json", """{"name":"hello","version":"1.0.0","dependencies":{"postinstall-postinstall":"2.1.0"}}""");

        var result = await new ArtifactBuilder().BuildAsync(Request(function: "Scripted"), Ct);

        if (await NpmMajorVersionAsync() < 11)
        {
            // Before npm 11 dependency install scripts always ran, so there is nothing to warn about.
            result.SkippedInstallScripts.Should().BeEmpty();
            return;
        }

        result.SkippedInstallScripts.Should().Equal("postinstall-postinstall@2.1.0");
        result.Warnings.Should().ContainSingle().Which.Should()
            .Contain("'Scripted'").And.Contain("\"allowScripts\": { \"postinstall-postinstall\": true }");

        var reused = await new ArtifactBuilder().BuildAsync(Request(function: "Scripted"), Ct);
        reused.Reused.Should().BeTrue();
        reused.Warnings.Should().Equal(result.Warnings, "the warning is kept with the artifact");
    }

    [Fact]
    public async Task BuildAsync_CustomRuntime_KeepsBootstrapExecutable()
    {
        var bootstrap = _temp.Write("src/bootstrap", "#!/bin/sh\necho hi\n");
        File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | UnixFileMode.UserExecute);
        _temp.Write("src/data/config.txt", "x");

        var result = await new ArtifactBuilder().BuildAsync(Request("provided.al2023"), Ct);

        File.GetUnixFileMode(Path.Combine(result.CodeDirectory, "bootstrap")).Should().HaveFlag(UnixFileMode.UserExecute);
        File.Exists(Path.Combine(result.CodeDirectory, "data", "config.txt")).Should().BeTrue();
        result.Warnings.Should().BeEmpty();
    }

    [Fact]
    public async Task BuildAsync_CustomRuntimeBootstrapNotExecutable_MakesItExecutableAndWarns()
    {
        _temp.Write("src/bootstrap", "#!/bin/sh\necho hi\n");

        var result = await new ArtifactBuilder().BuildAsync(Request("provided.al2"), Ct);

        File.GetUnixFileMode(Path.Combine(result.CodeDirectory, "bootstrap")).Should().HaveFlag(UnixFileMode.UserExecute);
        result.Warnings.Should().ContainSingle().Which.Should().Contain("not executable");
    }

    [Fact]
    public async Task BuildAsync_CustomRuntimeWithoutBootstrap_FailsNamingTheFunction()
    {
        _temp.Write("src/main.sh", "echo hi");

        var act = () => new ArtifactBuilder().BuildAsync(Request("provided.al2023", "Custom"), Ct);

        (await act.Should().ThrowAsync<PackageException>()).Which.Message
            .Should().Contain("'Custom'").And.Contain("bootstrap");
    }

    [Fact]
    public void ComputeHash_ExecutableBitChange_GetsANewHash()
    {
        var bootstrap = _temp.Write("src/bootstrap", "#!/bin/sh\n");
        var builder = new ArtifactBuilder();
        var before = builder.ComputeHash(Request("provided.al2023"));

        File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | UnixFileMode.UserExecute);

        builder.ComputeHash(Request("provided.al2023")).Should().NotBe(before);
    }

    [Fact]
    public async Task BuildAsync_UnsupportedRuntime_FailsNamingTheFunction()
    {
        _temp.Write("src/app.py", "def handler(e, c): return 1");

        var act = () => new ArtifactBuilder().BuildAsync(Request("python3.12", "Py"), Ct);

        (await act.Should().ThrowAsync<PackageException>()).Which.Message
            .Should().Contain("'Py'").And.Contain("python3.12");
    }

    [Fact]
    public async Task BuildAsync_MissingCodeDirectory_FailsNamingTheFunction()
    {
        var act = () => new ArtifactBuilder().BuildAsync(Request(function: "Gone"), Ct);

        (await act.Should().ThrowAsync<PackageException>()).Which.Message
            .Should().Contain("'Gone'").And.Contain("does not exist");
    }

    [Fact]
    public async Task BuildAsync_ConcurrentBuildersOfTheSameCode_ShareOneCompleteArtifact()
    {
        for (var i = 0; i < 50; i++)
        {
            _temp.Write($"src/files/f{i}.js", new string('x', 10_000 + i));
        }

        var bootstrap = _temp.Write("src/bootstrap", "#!/bin/sh\n");
        File.SetUnixFileMode(bootstrap, File.GetUnixFileMode(bootstrap) | UnixFileMode.UserExecute);

        // Separate builders share no in-process state, as two processes would not.
        var builds = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => new ArtifactBuilder().BuildAsync(Request("provided.al2023", $"F{i}"), Ct), Ct))
            .ToList();
        var results = await Task.WhenAll(builds);

        results.Select(r => r.ArtifactDirectory).Distinct().Should().ContainSingle();
        var code = results[0].CodeDirectory;
        Directory.EnumerateFiles(Path.Combine(code, "files")).Should().HaveCount(50);
        Directory.EnumerateDirectories(Artifacts).Select(Path.GetFileName).Should().Equal(results[0].Hash);
    }

    [Fact]
    public async Task BuildAsync_TwoFunctionsSharingCode_BuildOnceAndEachIsNamed()
    {
        _temp.Write("src/index.js", "exports.a = async () => 1; exports.b = async () => 2;");
        var builder = new ArtifactBuilder();

        var results = await Task.WhenAll(
            builder.BuildAsync(Request(function: "A"), Ct),
            builder.BuildAsync(Request(function: "B"), Ct));

        results.Select(r => r.FunctionName).Should().Equal("A", "B");
        results[1].Hash.Should().Be(results[0].Hash);
        Directory.EnumerateDirectories(Artifacts).Should().ContainSingle();
    }

    [Fact]
    public async Task BuildAsync_LockFileOutOfSync_FailsWithNpmCiOutput()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        _temp.Write("src/package.json", """{"name":"hello","version":"1.0.0","dependencies":{"is-number":"7.0.0"}}""");
        _temp.Write("src/package-lock.json", """{"name":"hello","version":"1.0.0","lockfileVersion":3,"requires":true,"packages":{"":{"name":"hello","version":"1.0.0"}}}""");

        var act = () => new ArtifactBuilder().BuildAsync(Request(function: "Locked"), Ct);

        var error = (await act.Should().ThrowAsync<PackageException>()).Which;
        error.Message.Should().Contain("'Locked'").And.Contain("`npm ci");
        error.ToolOutput.Should().Contain("in sync");
    }

    [Fact]
    public async Task BuildAsync_AbandonedBuildFolders_ArePrunedButRecentOnesKept()
    {
        _temp.Write("src/bootstrap", "#!/bin/sh\n");
        Directory.CreateDirectory(Path.Combine(Artifacts, ".build-0123456789ab-dead"));
        await new ArtifactBuilder().BuildAsync(Request("provided.al2023"), Ct);
        Directory.Exists(Path.Combine(Artifacts, ".build-0123456789ab-dead")).Should().BeTrue("a build that young may still be running");

        _temp.Write("src/bootstrap", "#!/bin/sh\necho changed\n");
        var dayLater = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(1));
        await new ArtifactBuilder(timeProvider: dayLater).BuildAsync(Request("provided.al2023"), Ct);

        Directory.Exists(Path.Combine(Artifacts, ".build-0123456789ab-dead")).Should().BeFalse();
    }

    [Fact]
    public async Task BuildAsync_NpmMissing_FailsNamingTheFunctionAndTheTool()
    {
        _temp.Write("src/index.js", "exports.handler = async () => 1;");
        _temp.Write("src/package.json", """{"name":"hello","version":"1.0.0"}""");
        var builder = new ArtifactBuilder(new ArtifactBuilderOptions { NpmPath = _temp.Combine("bin", "npm") });

        var act = () => builder.BuildAsync(Request(function: "NoNpm"), Ct);

        (await act.Should().ThrowAsync<PackageException>()).Which.Message
            .Should().Contain("'NoNpm'").And.Contain("could not be started");
    }

    private static async Task<int> NpmMajorVersionAsync()
    {
        using var npm = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("npm", "--version") { RedirectStandardOutput = true })!;
        var version = await npm.StandardOutput.ReadToEndAsync(Ct);
        await npm.WaitForExitAsync(Ct);
        return int.Parse(version.Trim().Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
    }
}
