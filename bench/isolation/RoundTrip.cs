// File-based app: `dotnet run bench/isolation/RoundTrip.cs [rounds]`. Compares a small HTTP round trip from node to
// a .NET server on plain host loopback with the same through a socket created inside an environment's network
// namespace (NetworkNamespace.CreateListener), the client joined to that namespace and sandboxed by bwrap.
// The assembly name grants access to Fathom.Runtime's internals (InternalsVisibleTo Fathom.Benchmarks).
#:project ../../src/Fathom.Runtime/Fathom.Runtime.csproj
#:property AssemblyName=Fathom.Benchmarks
#:property PublishAot=false

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fathom.Runtime.Isolation;

var rounds = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var client = Path.Combine(Path.GetDirectoryName(Path.GetFullPath("bench/isolation/client.js"))!, "client.js");
var etc = SandboxEtc.Ensure(Path.Combine(Path.GetTempPath(), "fathom-bench-etc"), 993, outbound: false);

var host = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
host.Bind(new IPEndPoint(IPAddress.Loopback, 0));
host.Listen(64);
using var ns = NetworkNamespace.Create();
var inNs = ns.CreateListener();
_ = Serve(host);
_ = Serve(inNs);
var hostUrl = $"http://127.0.0.1:{((IPEndPoint)host.LocalEndPoint!).Port}/";

var results = new Dictionary<string, List<double>>
{
    ["host loopback, plain client"] = [],
    ["host loopback, client in bwrap --share-net"] = [],
    ["netns socket, plain client (nsenter)"] = [],
    ["netns socket, client in bwrap (SandboxSpec)"] = [],
};
var sandboxed = new SandboxSpec
{
    Command = ["node", "/var/task/client.js", "http://127.0.0.1:9001/"],
    CodeDirectory = Path.GetDirectoryName(client)!,
    EtcDirectory = etc,
    NetworkNamespacePath = ns.Path,
};
var sharedNet = sandboxed with { NetworkMode = SandboxNetworkMode.Host, Command = ["node", "/var/task/client.js", hostUrl] };
for (var round = 0; round < rounds; round++)
{
    results["host loopback, plain client"].Add(Run(["env", "-i", "PATH=/usr/bin:/bin", "node", client, hostUrl]));
    results["host loopback, client in bwrap --share-net"].Add(Run(sharedNet.BuildArgv()));
    results["netns socket, plain client (nsenter)"].Add(Run(["nsenter", $"--net={ns.Path}", "--", "env", "-i", "PATH=/usr/bin:/bin", "node", client, "http://127.0.0.1:9001/"]));
    results["netns socket, client in bwrap (SandboxSpec)"].Add(Run(sandboxed.BuildArgv()));
}

foreach (var (name, medians) in results)
{
    medians.Sort();
    Console.WriteLine($"{name}: median of round medians {medians[medians.Count / 2]:F1} µs (rounds: {string.Join(", ", medians.Select(m => m.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)))})");
}

static double Run(IReadOnlyList<string> argv)
{
    var start = new ProcessStartInfo(argv[0]) { RedirectStandardOutput = true };
    foreach (var arg in argv.Skip(1))
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    return JsonDocument.Parse(output).RootElement.GetProperty("median").GetDouble();
}

static async Task Serve(Socket listener)
{
    var response = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
    while (true)
    {
        var socket = await listener.AcceptAsync();
        socket.NoDelay = true;
        _ = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            using (socket)
            {
                // One small GET per read on a keep-alive connection: answer each request header block.
                while (true)
                {
                    var read = await socket.ReceiveAsync(buffer, SocketFlags.None);
                    if (read == 0)
                    {
                        return;
                    }

                    var requests = CountRequests(buffer.AsSpan(0, read));
                    for (var i = 0; i < requests; i++)
                    {
                        await socket.SendAsync(response, SocketFlags.None);
                    }
                }
            }
        });
    }
}

static int CountRequests(ReadOnlySpan<byte> data)
{
    var count = 0;
    int index;
    while ((index = data.IndexOf("\r\n\r\n"u8)) >= 0)
    {
        count++;
        data = data[(index + 4)..];
    }

    return count;
}
