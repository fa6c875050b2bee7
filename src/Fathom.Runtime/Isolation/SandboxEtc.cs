namespace Fathom.Runtime.Isolation;

/// <summary>
/// Writes the minimal /etc an environment sees: passwd and group with the sandbox user (Node's
/// <c>os.userInfo()</c> needs it), hosts, and resolv.conf pointing at slirp4netns' DNS when outbound is on.
/// The files are identical for every environment, so one folder per variant is shared.
/// </summary>
internal static class SandboxEtc
{
    /// The DNS forwarder slirp4netns provides inside the namespace.
    public const string SlirpDns = "10.0.2.3";

    /// Writes (or refreshes) the folder under <paramref name="baseDirectory"/> and returns its path.
    public static string Ensure(string baseDirectory, int uid, bool outbound)
    {
        var dir = Path.Combine(baseDirectory, outbound ? $"etc-{uid}-net" : $"etc-{uid}");
        Directory.CreateDirectory(dir);
        if (!OperatingSystem.IsWindows())
        {
            // bwrap may run as an unprivileged host uid (SandboxOptions.HostUid) and must read these.
            File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        }

        Write(dir, "passwd", $"root:x:0:0:root:/root:/bin/sh\nsbx_user:x:{uid}:{uid}::/tmp:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n");
        Write(dir, "group", $"root:x:0:\nsbx_user:x:{uid}:\nnogroup:x:65534:\n");
        Write(dir, "hosts", "127.0.0.1 localhost\n::1 localhost\n");
        Write(dir, "nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        var resolv = Path.Combine(dir, "resolv.conf");
        if (outbound)
        {
            Write(dir, "resolv.conf", $"nameserver {SlirpDns}\n");
        }
        else if (File.Exists(resolv))
        {
            File.Delete(resolv);
        }

        return dir;
    }

    private static void Write(string dir, string name, string content)
    {
        var path = Path.Combine(dir, name);
        if (File.Exists(path) && File.ReadAllText(path) == content)
        {
            return;
        }

        // Write then rename so a sandbox starting right now never sees a half-written file.
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, content);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        File.Move(temp, path, overwrite: true);
    }
}
