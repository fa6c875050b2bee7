using Fathom.Apps.Config;

namespace Fathom.Apps.Tests.Config;

public sealed class LogsConfigTests
{
    private const string Template = """
        Transform: AWS::Serverless-2016-10-31
        Resources:
          Fn:
            Type: AWS::Serverless::Function
            Properties:
              InlineCode: exports.handler = async () => 1;
              Handler: index.handler
              Runtime: nodejs20.x
        """;

    private static AppLoadResult Load(TempDirectory temp, string yaml)
    {
        temp.Write("template.yaml", Template);
        temp.Write("fathom.yaml", yaml);
        return AppLoader.Load(temp.Path, AppLoadOptions.Default);
    }

    [Fact]
    public void Load_NoLogsSection_ForwardsNowhere()
    {
        using var temp = new TempDirectory();

        var result = Load(temp, "runtime:\n  node: node\n");

        result.Model!.Config.Logs.Forward.Should().BeEmpty();
    }

    [Fact]
    public void Load_OtlpAndSyslogDestinations_AreReadInOrder()
    {
        using var temp = new TempDirectory();
        temp.Write("certs/ca.pem", "-----BEGIN CERTIFICATE-----\n");

        var result = Load(temp, """
            logs:
              forward:
                - otlp:
                    endpoint: http://127.0.0.1:4318/v1/logs
                    headers: { Authorization: "Bearer x", X-Scope-OrgID: tenant1 }
                - otlp:
                    endpoint: https://collector.example:4318/otlp/v1/logs
                    encoding: json
                - syslog:
                    address: 127.0.0.1:6514
                    tls: true
                    ca: certs/ca.pem
                    facility: local0
                - syslog:
                    address: "[::1]:514"
            """);

        result.Errors.Should().BeEmpty();
        var forward = result.Model!.Config.Logs.Forward;
        forward.Should().HaveCount(4);
        var first = forward[0].Should().BeOfType<OtlpForwardConfig>().Subject;
        first.Endpoint.Should().Be(new Uri("http://127.0.0.1:4318/v1/logs"));
        first.Encoding.Should().Be(OtlpEncoding.Protobuf);
        first.Headers.Should().BeEquivalentTo(new Dictionary<string, string> { ["Authorization"] = "Bearer x", ["X-Scope-OrgID"] = "tenant1" });
        first.Source.Should().Be("fathom.yaml:3:7");
        forward[1].Should().BeOfType<OtlpForwardConfig>().Which.Encoding.Should().Be(OtlpEncoding.Json);
        forward[2].Should().BeEquivalentTo(new SyslogForwardConfig
        {
            Host = "127.0.0.1", Port = 6514, Tls = true, CaFile = Path.Combine(temp.Path, "certs", "ca.pem"), Facility = SyslogFacility.Local0, Source = "fathom.yaml:9:7",
        });
        forward[3].Should().BeEquivalentTo(new SyslogForwardConfig { Host = "::1", Port = 514, Facility = SyslogFacility.User, Source = "fathom.yaml:14:7" });
    }

    [Theory]
    [InlineData("- otlp:\n        endpoint: 127.0.0.1:4318/v1/logs", 4, 19, "'logs.forward[0].otlp.endpoint' must be an absolute http:// or https:// URL, not '127.0.0.1:4318/v1/logs'")]
    [InlineData("- otlp:\n        endpoint: ftp://host/v1/logs", 4, 19, "'logs.forward[0].otlp.endpoint' must be an absolute http:// or https:// URL, not 'ftp://host/v1/logs'")]
    [InlineData("- otlp:\n        endpoint: http://h/v1/logs\n        encoding: grpc", 5, 19, "'logs.forward[0].otlp.encoding' must be protobuf or json, not 'grpc'")]
    [InlineData("- otlp:\n        encoding: json", 4, 9, "'logs.forward[0].otlp.endpoint' is required: the full URL of the OTLP/HTTP logs endpoint, such as http://127.0.0.1:4318/v1/logs")]
    [InlineData("- otlp:\n        endpoint: http://h/v1/logs\n        headers: { \"Bad Name\": x }", 5, 20, "'logs.forward[0].otlp.headers' has an invalid header name 'Bad Name'")]
    [InlineData("- otlp:\n        endpoint: http://h/v1/logs\n        headers: { content-type: text/plain }", 5, 20, "'logs.forward[0].otlp.headers' cannot set 'content-type': Fathom sets it for each request")]
    [InlineData("- otlp:\n        endpoint: http://h/v1/logs\n        headers: [a]", 5, 18, "'logs.forward[0].otlp.headers' must be a mapping of header names to values, not a list")]
    [InlineData("- otlp:\n        endpoint: http://h/v1/logs\n        endpiont: x", 5, 9, "unknown setting 'logs.forward[0].otlp.endpiont'; did you mean 'endpoint'?")]
    [InlineData("- syslog:\n        address: 127.0.0.1", 4, 18, "'logs.forward[0].syslog.address' must be host:port (a name, an IPv4 address or [an IPv6 address], and a port from 1 to 65535), not '127.0.0.1'")]
    [InlineData("- syslog:\n        address: host:70000", 4, 18, "'logs.forward[0].syslog.address' must be host:port (a name, an IPv4 address or [an IPv6 address], and a port from 1 to 65535), not 'host:70000'")]
    [InlineData("- syslog:\n        address: ::1:514", 4, 18, "'logs.forward[0].syslog.address' must be host:port (a name, an IPv4 address or [an IPv6 address], and a port from 1 to 65535), not '::1:514'")]
    [InlineData("- syslog:\n        address: bad_host!:514", 4, 18, "'logs.forward[0].syslog.address' must be host:port (a name, an IPv4 address or [an IPv6 address], and a port from 1 to 65535), not 'bad_host!:514'")]
    [InlineData("- syslog:\n        address: h:514\n        facility: local8", 5, 19, "'logs.forward[0].syslog.facility' must be one of kern, user, mail, daemon, auth, syslog, lpr, news, uucp, cron, authpriv, ftp, local0, local1, local2, local3, local4, local5, local6, local7, not 'local8'")]
    [InlineData("- syslog:\n        address: h:514\n        tls: yes please", 5, 14, "'logs.forward[0].syslog.tls' must be true or false, not 'yes please'")]
    [InlineData("- syslog:\n        address: h:514\n        ca: ca.pem", 5, 13, "'logs.forward[0].syslog.ca' needs 'tls: true'")]
    [InlineData("- syslog:\n        address: h:514\n        tls: true\n        ca: missing.pem", 6, 13, "'logs.forward[0].syslog.ca' names a file that does not exist: missing.pem")]
    [InlineData("- kafka:\n        brokers: x", 3, 7, "unknown destination 'kafka' in 'logs.forward[0]'; known destinations: otlp, syslog")]
    [InlineData("- otlp: {}\n      syslog: {}", 3, 7, "'logs.forward[0]' must be a mapping with one key, otlp or syslog")]
    public void Load_InvalidDestination_IsAnErrorAtItsValue(string entry, int line, int column, string message)
    {
        using var temp = new TempDirectory();

        var result = Load(temp, $"logs:\n  forward:\n    {entry}\n");

        result.Succeeded.Should().BeFalse();
        result.Errors.Select(e => (Path.GetFileName(e.File), e.Line, e.Column, e.Message)).Should().Equal(("fathom.yaml", line, column, message));
    }

    [Fact]
    public void Load_ForwardNotAList_IsAnError()
    {
        using var temp = new TempDirectory();

        var result = Load(temp, "logs:\n  forward:\n    otlp:\n      endpoint: http://h/v1/logs\n  level: info\n");

        result.Errors.Select(e => (e.Line, e.Column, e.Message)).Should().Equal(
            (3, 5, "'logs.forward' must be a list of destinations (- otlp: or - syslog:), not a mapping"),
            (5, 3, "unknown setting 'logs.level'"));
    }
}
