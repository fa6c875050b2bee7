using System.Diagnostics;
using System.Text.Json;

[assembly: AssemblyFixture(typeof(Fathom.Telemetry.Tests.Forwarding.RsyslogFixture))]

namespace Fathom.Telemetry.Tests.Forwarding;

/// <summary>
/// One real rsyslogd for the test assembly, run as a plain process with its own work directory: a plain TCP input and
/// a TLS input (rsyslog-gnutls, a certificate from a private CA made here) on free loopback ports, both writing every
/// message's parsed RFC 5424 fields as a JSON line to one file. Tests tell their messages apart by request id.
/// </summary>
public sealed class RsyslogFixture : IAsyncLifetime
{
    private const string Executable = "/usr/sbin/rsyslogd";
    private readonly TempDirectory _directory = new("fathom-rsyslog");
    private Process? _process;

    public int PlainPort { get; private set; }

    public int TlsPort { get; private set; }

    /// <summary>The CA that signed the TLS input's certificate.</summary>
    public string CaFile { get; private set; } = "";

    private string OutputFile => _directory.Combine("out.jsonl");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            return;
        }

        var certificates = TestCertificates.Create(_directory.Path);
        CaFile = certificates.CaFile;
        var config = _directory.Write("rsyslog.conf", Config(certificates));
        _process = Process.Start(new ProcessStartInfo(Executable, ["-n", "-f", config, "-i", _directory.Combine("rsyslogd.pid")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await Eventually.WaitAsync(() => ReadPort("plain.port") > 0 && ReadPort("tls.port") > 0 || _process.HasExited, "rsyslogd to listen");
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"rsyslogd exited with {_process.ExitCode}; config {config}");
        }

        PlainPort = ReadPort("plain.port");
        TlsPort = ReadPort("tls.port");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _directory.Dispose();
    }

    /// <summary>Skips the calling test where rsyslogd is not installed (./test.sh installs it).</summary>
    public void RequireRunning() => Assert.SkipWhen(_process is null, "rsyslogd is not installed (apt-get install rsyslog rsyslog-gnutls; ./test.sh does)");

    /// <summary>The messages received so far whose structured data mentions <paramref name="marker"/>.</summary>
    public IReadOnlyList<RsyslogLine> Lines(string marker)
    {
        if (!File.Exists(OutputFile))
        {
            return [];
        }

        using var stream = new FileStream(OutputFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var text = new StreamReader(stream).ReadToEnd();
        // rsyslog may be half-way through a line; only whole lines count.
        return text[..(text.LastIndexOf('\n') + 1)]
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonSerializer.Deserialize<RsyslogLine>(line)!)
            .Where(line => line.StructuredData.Contains(marker, StringComparison.Ordinal))
            .ToArray();
    }

    private int ReadPort(string file) =>
        File.Exists(_directory.Combine(file)) && int.TryParse(File.ReadAllText(_directory.Combine(file)).Trim(), out var port) ? port : 0;

    private string Config(TestCertificates certificates) => $$"""
        global(workDirectory="{{_directory.Path}}" maxMessageSize="64k" parser.escapeControlCharactersOnReceive="off")
        module(load="imtcp")
        input(type="imtcp" name="plain" address="127.0.0.1" port="0" listenPortFileName="{{_directory.Combine("plain.port")}}" ruleset="fathom")
        input(type="imtcp" name="tls" address="127.0.0.1" port="0" listenPortFileName="{{_directory.Combine("tls.port")}}" ruleset="fathom"
              streamDriver.name="gtls" streamDriver.mode="1" streamDriver.authMode="anon"
              streamDriver.caFile="{{certificates.CaFile}}" streamDriver.certFile="{{certificates.ServerCertFile}}" streamDriver.keyFile="{{certificates.ServerKeyFile}}")
        template(name="fields" type="list") {
          constant(value="{")
          property(outname="input" name="inputname" format="jsonf") constant(value=",")
          property(outname="pri" name="pri" format="jsonf") constant(value=",")
          property(outname="hostname" name="hostname" format="jsonf") constant(value=",")
          property(outname="appname" name="app-name" format="jsonf") constant(value=",")
          property(outname="procid" name="procid" format="jsonf") constant(value=",")
          property(outname="msgid" name="msgid" format="jsonf") constant(value=",")
          property(outname="sd" name="structured-data" format="jsonf") constant(value=",")
          property(outname="time" name="timereported" dateFormat="rfc3339" format="jsonf") constant(value=",")
          property(outname="msg" name="msg" format="jsonf")
          constant(value="}\n")
        }
        ruleset(name="fathom") {
          action(type="omfile" file="{{OutputFile}}" template="fields" flushOnTXEnd="on" asyncWriting="off")
        }
        """;
}
