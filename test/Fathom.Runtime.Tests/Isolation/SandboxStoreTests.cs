using System.Diagnostics;
using Fathom.Runtime.Isolation;

namespace Fathom.Runtime.Tests.Isolation;

/// The store of what sandboxes bind: readable by the sandbox's uid wherever the source lives, named without host
/// paths, rebuilt when the source changes or the entry was swept.
public sealed class SandboxStoreTests : IDisposable
{
    private readonly TempDirectory _root = new("fathom-store");
    private readonly TempDirectory _source = new("fathom-store-src");

    public void Dispose()
    {
        _root.Dispose();
        _source.Dispose();
    }

    [Fact]
    public async Task MaterializeAsync_SourceUnderPrivateFolderWithPrivateFile_CopyIsReadableAndNamedNeutrally()
    {
        var code = Path.Combine(_source.Path, "home", "alice", "app", ".fathom", "artifacts", "abc");
        Directory.CreateDirectory(Path.Combine(code, "lib"));
        await File.WriteAllTextAsync(Path.Combine(code, "index.js"), "exports.handler = 1;", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(code, "lib", "secret.js"), "private", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(Path.Combine(code, "lib", "secret.js"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(Path.Combine(_source.Path, "home"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var store = SandboxStore.Open(Path.Combine(_root.Path, "sandbox"), TimeProvider.System);

        var copy = await store.MaterializeAsync(code);

        copy.Should().StartWith(store.Directory).And.NotContain("alice").And.NotContain(".fathom");
        (await File.ReadAllTextAsync(Path.Combine(copy, "lib", "secret.js"), TestContext.Current.CancellationToken)).Should().Be("private");
        File.GetUnixFileMode(Path.Combine(copy, "lib", "secret.js")).Should().HaveFlag(UnixFileMode.OtherRead, "the store's root folder keeps others out, not the file");
        (await store.MaterializeAsync(code)).Should().Be(copy, "an unchanged source is one entry");
    }

    [Fact]
    public async Task MaterializeAsync_AsAnUnprivilegedUid_CanReadWhatRootCouldNotShare()
    {
        Assert.SkipUnless(Libc.geteuid() == 0, "checks the store from another uid, which needs root");
        var code = Path.Combine(_source.Path, "private");
        Directory.CreateDirectory(code);
        File.SetUnixFileMode(_source.Path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        await File.WriteAllTextAsync(Path.Combine(code, "index.js"), "ok", TestContext.Current.CancellationToken);
        var store = SandboxStore.Open(Path.Combine(_root.Path, "sandbox"), TimeProvider.System);

        var copy = await store.MaterializeAsync(code);

        (await ReadAs(SandboxIdentity.Gid, Path.Combine(code, "index.js"))).Should().NotBe(0, "the source sits under a 0700 folder");
        (await ReadAs(SandboxIdentity.Gid, Path.Combine(copy, "index.js"))).Should().Be(0, "the sandbox group may enter the store");
        (await ReadAs(65534, Path.Combine(copy, "index.js"))).Should().NotBe(0, "nobody else may");
    }

    [Fact]
    public async Task MaterializeAsync_SourceChanged_NewEntry()
    {
        await File.WriteAllTextAsync(Path.Combine(_source.Path, "a.txt"), "1", TestContext.Current.CancellationToken);
        var store = SandboxStore.Open(Path.Combine(_root.Path, "sandbox"), TimeProvider.System);
        var first = await store.MaterializeAsync(_source.Path);
        await File.WriteAllTextAsync(Path.Combine(_source.Path, "b.txt"), "2", TestContext.Current.CancellationToken);

        var second = await SandboxStore.Open(Path.Combine(_root.Path, "sandbox"), TimeProvider.System).MaterializeAsync(_source.Path);

        second.Should().NotBe(first);
        File.Exists(Path.Combine(second, "b.txt")).Should().BeTrue();
    }

    [Fact]
    public async Task MaterializeAsync_EntrySweptByAnotherPlatform_IsRebuilt()
    {
        await File.WriteAllTextAsync(Path.Combine(_source.Path, "a.txt"), "1", TestContext.Current.CancellationToken);
        var store = SandboxStore.Open(Path.Combine(_root.Path, "sandbox"), TimeProvider.System);
        var entry = await store.MaterializeAsync(_source.Path);

        Directory.Delete(entry, recursive: true);

        (await store.MaterializeAsync(_source.Path)).Should().Be(entry);
        File.Exists(Path.Combine(entry, "a.txt")).Should().BeTrue();
    }

    [Fact]
    public void Open_RootFolderOwnedBySomeoneElse_Refused()
    {
        Assert.SkipUnless(Libc.geteuid() == 0, "planting a folder for another uid needs root");
        var planted = Path.Combine(_root.Path, "planted");
        Directory.CreateDirectory(planted);
        Process.Start("chown", ["12345", planted])!.WaitForExit();

        var open = () => SandboxStore.Open(planted, TimeProvider.System);

        open.Should().Throw<InvalidOperationException>().WithMessage("*belongs to uid 12345*");
    }

    private static async Task<int> ReadAs(int uid, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("setpriv", [$"--reuid={uid}", $"--regid={uid}", "--clear-groups", "cat", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return process.ExitCode;
    }
}
