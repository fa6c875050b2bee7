namespace Fathom.Server.Tests.Robustness;

/// <summary>Requests a careless or hostile client sends, by name. Characters stand for bytes (<c>\u00FF</c> is 0xFF);
/// <c>{host}</c> is replaced by the server's address. Each is sent to the app port and the admin port.</summary>
internal static class MalformedRequests
{
    public const string Invoke = "/2015-03-31/functions/hello/invocations";

    public const string UnknownVersion = "unknown HTTP version";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Chunked bodies.
        ["chunk size overflow"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\nContent-Type: application/json\n\nFFFFFFFFFFFFFFFFFFFFFFFF\r\n{{}}\r\n0\r\n\r\n",
        ["chunk size overflow by one digit"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\n\n100000000\r\nab\r\n0\r\n\r\n",
        ["chunk size not hex"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\n\nzz\r\n{{}}\r\n0\r\n\r\n",
        ["chunk longer than its size"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\n\n2\r\n{{\"a\":1}}\r\n0\r\n\r\n",
        ["chunk extension garbage"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\n\n2;\u0001\u0002\r\n{{}}\r\n0\r\n\r\n",
        ["chunked and content-length"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\nContent-Length: 4\n\n2\r\n{{}}\r\n0\r\n\r\n",
        ["transfer coding not chunked"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: gzip\n\n{{}}",
        ["chunked over HTTP/1.0"] = $"POST {{path}} HTTP/1.0\nHost: {{host}}\nTransfer-Encoding: chunked\n\n2\r\n{{}}\r\n0\r\n\r\n",

        // Lengths and truncation.
        ["content-length negative"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Length: -1\n\n",
        ["content-length not a number"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Length: abc\n\n",
        ["content-length huge"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Length: 99999999999999999999\n\n",
        ["content-length twice, different"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Length: 2\nContent-Length: 3\n\n{{}}",
        ["truncated body"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: 100\n\n{{\"a\":",
        ["truncated chunked body"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nTransfer-Encoding: chunked\n\n10\r\n{{\"a\":",

        // Methods, targets and versions.
        ["CONNECT authority form"] = $"CONNECT {{host}} HTTP/1.1\nHost: {{host}}\n\n",
        ["CONNECT with a path"] = $"CONNECT {{path}} HTTP/1.1\nHost: {{host}}\n\n",
        ["TRACE"] = $"TRACE {{path}} HTTP/1.1\nHost: {{host}}\n\n",
        ["custom method"] = $"PROPFIND {{path}} HTTP/1.1\nHost: {{host}}\n\n",
        ["lower-case method"] = $"post {{path}} HTTP/1.1\nHost: {{host}}\nContent-Length: {{length}}\n\n{{}}",
        ["method with control byte"] = $"G\u0001T {{path}} HTTP/1.1\nHost: {{host}}\n\n",
        ["asterisk target"] = $"OPTIONS * HTTP/1.1\nHost: {{host}}\n\n",
        ["absolute target"] = $"GET http://{{host}}{{path}} HTTP/1.1\nHost: {{host}}\n\n",
        ["target without slash"] = $"GET hello HTTP/1.1\nHost: {{host}}\n\n",
        [UnknownVersion] = $"GET {{path}} HTTP/1.2\nHost: {{host}}\n\n",
        ["garbage request line"] = "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u0001\u00fc\u0003\u0003\r\n\r\n",
        ["HTTP/1.1 without Host"] = $"GET {{path}} HTTP/1.1\n\n",
        ["two Host headers"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nHost: other\n\n",

        // Paths and query strings.
        ["bad percent-encoding in path"] = $"GET {{path}}/%zz%/%ED%A0%80/%FF HTTP/1.1\nHost: {{host}}\n\n",
        ["encoded NUL and dot segments"] = $"GET {{path}}/%00/../%2e%2e/ HTTP/1.1\nHost: {{host}}\n\n",
        ["invalid UTF-8 bytes in path"] = $"GET {{path}}/\u00ff\u00fe HTTP/1.1\nHost: {{host}}\n\n",
        ["bad query string"] = $"GET {{path}}?%=&a=%zz&%ED%A0%80=%C0%AF&&=&b=%FF HTTP/1.1\nHost: {{host}}\n\n",
        ["invalid UTF-8 bytes in query"] = $"GET {{path}}?a=\u00ff HTTP/1.1\nHost: {{host}}\n\n",
        ["bad qualifier and max items"] = $"GET {{path}}?Qualifier=%00&MaxItems=-1&Marker=%%% HTTP/1.1\nHost: {{host}}\n\n",
        ["very long path"] = $"GET {{path}}/{new string('a', 9000)} HTTP/1.1\nHost: {{host}}\n\n",

        // Headers.
        ["huge header"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nX-Big: {new string('a', 40_000)}\n\n",
        ["too many headers"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\n{string.Concat(Enumerable.Range(0, 200).Select(i => $"X-H{i}: v\n"))}\n",
        ["header without colon"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nNoColonHere\n\n",
        ["header with invalid UTF-8"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nX-Name: \u00ff\u00fe\n\n",
        ["header with control byte"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nX-Name: a\u0001b\n\n",
        ["obsolete line folding"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nX-Fold: a\n b\n\n",
        ["bad trace header and cookies"] = $"GET {{path}} HTTP/1.1\nHost: {{host}}\nX-Amzn-Trace-Id: ;;;\nCookie: ;=;==;a\nX-Forwarded-For: \n\n",
        ["bad invoke headers"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nX-Amz-Invocation-Type: Bogus\nX-Amz-Log-Type: Bogus\nContent-Length: {{length}}\n\n{{}}",
        ["bad client context"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nX-Amz-Client-Context: %%%not-base64\nContent-Length: {{length}}\n\n{{}}",
        ["client context with invalid UTF-8"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nX-Amz-Client-Context: eyJhIjoi/yJ9\nContent-Length: {{length}}\n\n{{}}",
        ["expect continue without a body"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nExpect: 100-continue\nContent-Length: 0\n\n",
        ["unknown expectation"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nExpect: teapot\nContent-Length: {{length}}\n\n{{}}",

        // Bodies and content types.
        ["invalid UTF-8 in a JSON string"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\n{{\"a\":\"\u00ff\u00fe\"}}",
        ["overlong UTF-8 in JSON"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\n{{\"a\":\"\u00c0\u00af\"}} ",
        ["encoded surrogate in JSON"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\n{{\"a\":\"\\ud800\"}}  ",
        ["not JSON"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\nhello",
        ["JSON nested too deep"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\n{new string('[', 1000)}{new string(']', 1000)}",
        ["JSON with trailing garbage"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/json\nContent-Length: {{length}}\n\n{{}} x }}",
        ["binary body as text"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: text/plain\nContent-Length: {{length}}\n\n\u0000\u00ff\u0080\u00fe",
        ["garbage content type"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: ;;;/;charset=\u00ff\nContent-Length: {{length}}\n\n{{}}",
        ["form content type with JSON"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Type: application/x-www-form-urlencoded\nContent-Length: {{length}}\n\n{{}}",
        ["content encoding gzip, not gzip"] = $"POST {{path}} HTTP/1.1\nHost: {{host}}\nContent-Encoding: gzip\nContent-Length: {{length}}\n\n{{}}",
    };

    /// <summary>Requests that end before their body does: the client shuts its side after sending.</summary>
    public static readonly IReadOnlySet<string> Truncated = new HashSet<string>(StringComparer.Ordinal) { "truncated body", "truncated chunked body" };
}
