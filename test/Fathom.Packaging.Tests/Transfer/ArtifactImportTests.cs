using Fathom.Packaging.Artifacts;
using Fathom.Packaging.Transfer;

namespace Fathom.Packaging.Tests.Transfer;

public sealed class ArtifactImportTests
{
    [Fact]
    public async Task ImportAsync_ArchiveOfABuiltArtifact_IsStoredUnderItsHash()
    {
        using var temp = new TempDirectory();
        var package = await BuildAsync(temp);
        var archive = await ArchiveAsync(package.ArtifactDirectory);

        await ArtifactImport.ImportAsync(archive, temp.Combine("server"), package.Hash, cancellationToken: TestContext.Current.CancellationToken);

        ArtifactArchive.Exists(temp.Combine("server"), package.Hash).Should().BeTrue();
        File.ReadAllText(temp.Combine("server", package.Hash, "code", "index.js")).Should().Contain("v1");
    }

    [Fact]
    public async Task ImportAsync_CodeChangedAfterTheBuild_IsRejectedAndNothingIsStored()
    {
        using var temp = new TempDirectory();
        var package = await BuildAsync(temp);
        File.WriteAllText(Path.Combine(package.CodeDirectory, "index.js"), "exports.handler = async () => 'tampered';\n");
        var archive = await ArchiveAsync(package.ArtifactDirectory);

        var import = () => ArtifactImport.ImportAsync(archive, temp.Combine("server"), package.Hash, cancellationToken: TestContext.Current.CancellationToken);

        (await import.Should().ThrowAsync<ArtifactRejectedException>()).Which.Message.Should().Contain($"does not match artifact {package.Hash}");
        ArtifactArchive.Exists(temp.Combine("server"), package.Hash).Should().BeFalse();
        Directory.EnumerateFileSystemEntries(temp.Combine("server")).Should().BeEmpty();
    }

    [Fact]
    public async Task ImportAsync_NotAGzipTar_IsRejected()
    {
        using var temp = new TempDirectory();

        var import = () => ArtifactImport.ImportAsync(new MemoryStream("not an archive"u8.ToArray()), temp.Combine("server"), new string('a', 64),
            cancellationToken: TestContext.Current.CancellationToken);

        (await import.Should().ThrowAsync<ArtifactRejectedException>()).Which.Message.Should().Contain("not a gzip'd tar");
    }

    [Fact]
    public async Task ImportAsync_AnotherArtifactsArchiveUnderThisName_IsRejected()
    {
        using var temp = new TempDirectory();
        var package = await BuildAsync(temp);
        var archive = await ArchiveAsync(package.ArtifactDirectory);

        var import = () => ArtifactImport.ImportAsync(archive, temp.Combine("server"), new string('b', 64), cancellationToken: TestContext.Current.CancellationToken);

        (await import.Should().ThrowAsync<ArtifactRejectedException>()).Which.Message.Should().Contain("manifest names artifact");
    }

    private static async Task<PackageResult> BuildAsync(TempDirectory temp)
    {
        temp.Write("src/index.js", "exports.handler = async () => 'v1';\n");
        return await new ArtifactBuilder().BuildAsync(new PackageRequest
        {
            FunctionName = "Fn",
            Runtime = "nodejs20.x",
            CodeDirectory = temp.Combine("src"),
            ArtifactsDirectory = temp.Combine("artifacts"),
        }, TestContext.Current.CancellationToken);
    }

    private static async Task<MemoryStream> ArchiveAsync(string artifactDirectory)
    {
        var archive = new MemoryStream();
        await ArtifactArchive.WriteAsync(artifactDirectory, archive, TestContext.Current.CancellationToken);
        archive.Position = 0;
        return archive;
    }
}
