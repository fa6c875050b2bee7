using System.Text;
using Fathom.Gateway.Routing;
using Fathom.Server.Hosting;
using Fathom.Server.Tests.Support;

namespace Fathom.Server.Tests.Robustness;

/// <summary>Every request in the corpus gets an answer below 500 on both ports, within a deadline: a client's
/// mistake is never the server's error, and never hangs it.</summary>
public sealed class MalformedRequestTests(MalformedRequestTests.Server server) : IClassFixture<MalformedRequestTests.Server>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Names() => [.. MalformedRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Send_MalformedRequest_IsAnsweredBelow500OnBothPorts(string name)
    {
        var app = await SendAsync(server.Instance.AppUrl, "/any", name);
        var admin = await SendAsync(server.Instance.AdminUrl, MalformedRequests.Invoke, name);

        new[] { ("app", app), ("admin", admin) }.Should().AllSatisfy(answer =>
            IsAcceptable(name, answer.Item2).Should().BeTrue($"the {answer.Item1} port answered '{name}' with {Describe(answer.Item2)}"));
    }

    private static bool IsAcceptable(string name, RawHttpResponse? response) => response switch
    {
        // Kestrel drops a connection whose client stopped sending mid-body: nobody is left to read an answer.
        null => MalformedRequests.Truncated.Contains(name),
        // 505 is HTTP's own answer to an unknown protocol version, sent by Kestrel before any Fathom code runs.
        { Status: 505 } => name == MalformedRequests.UnknownVersion,
        _ => response.Status is >= 200 and < 500,
    };

    private static string Describe(RawHttpResponse? response) => response is null ? "no answer (connection closed)" : response.ToString();

    private static Task<RawHttpResponse?> SendAsync(Uri baseUrl, string path, string name)
    {
        var text = MalformedRequests.All[name].Replace("{host}", baseUrl.Authority, StringComparison.Ordinal).Replace("{path}", path, StringComparison.Ordinal);
        var headEnd = text.IndexOf("\n\n", StringComparison.Ordinal);
        var body = headEnd < 0 ? "" : text[(headEnd + 2)..];
        text = text.Replace("{length}", Encoding.Latin1.GetByteCount(body).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return RawHttpExchange.SendAsync(baseUrl, RawHttpExchange.Bytes(text), Deadline, MalformedRequests.Truncated.Contains(name));
    }

    /// <summary>One server for the whole corpus: an HTTP API route for any method, a REST API behind a greedy path.</summary>
    public sealed class Server : IAsyncLifetime
    {
        private TestServer? _test;

        public FathomServer Instance => _test!.Server;

        public async ValueTask InitializeAsync()
        {
            _test = await TestServer.CreateAsync(routes: [
                new GatewayRoute { Method = "ANY", Path = "/any", FunctionName = "hello", Qualifier = "live", ApiId = "h1", ApiLogicalId = "ServerlessHttpApi" },
                new GatewayRoute { Method = "ANY", Path = "/rest/{proxy+}", FunctionName = "hello", ApiKind = ApiKind.Rest, ApiId = "r1", ApiLogicalId = "ServerlessRestApi" },
            ]);
            await _test.Server.StartAsync();
        }

        public async ValueTask DisposeAsync()
        {
            if (_test is not null)
            {
                await _test.DisposeAsync();
            }
        }
    }
}
