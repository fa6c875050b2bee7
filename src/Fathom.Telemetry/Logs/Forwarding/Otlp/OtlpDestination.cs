using System.Net;
using System.Net.Http.Headers;
using Fathom.Apps.Config;

namespace Fathom.Telemetry.Logs.Forwarding.Otlp;

/// <summary>
/// OTLP/HTTP logs export: one <c>POST</c> per batch, protobuf or JSON. Outcomes follow the OTLP specification's
/// OTLP/HTTP section: 2xx delivered (a partial success counts as delivered, since the spec forbids retrying it), 429,
/// 502, 503, 504 and other 5xx retried (honouring <c>Retry-After</c>), 408 retried, any other 4xx rejected for good.
/// </summary>
internal sealed class OtlpDestination : ILogDestination
{
    private readonly OtlpForwardConfig _config;
    private readonly TimeProvider _time;
    private readonly HttpClient _http;
    private readonly MediaTypeHeaderValue _contentType;

    public OtlpDestination(OtlpForwardConfig config, TimeProvider time)
    {
        _config = config;
        _time = time;
        // Connections are recycled now and then so a collector behind DNS that moved is found again.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _contentType = new MediaTypeHeaderValue(config.Encoding == OtlpEncoding.Json ? "application/json" : "application/x-protobuf");
        Description = $"otlp {config.Endpoint}";
    }

    public string Description { get; }

    public async Task<DeliveryResult> SendAsync(IReadOnlyList<LogRecord> batch, CancellationToken cancellationToken)
    {
        var resources = OtlpLogMapper.Map(batch);
        var body = _config.Encoding == OtlpEncoding.Json ? OtlpJsonEncoder.Encode(resources) : OtlpProtobufEncoder.Encode(resources);
        using var request = new HttpRequestMessage(HttpMethod.Post, _config.Endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = _contentType;
        foreach (var (name, value) in _config.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry(e.Message);
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return DeliveryResult.Delivered;
            }

            var error = $"HTTP {status} {await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false)}".TrimEnd();
            return status switch
            {
                (int)HttpStatusCode.TooManyRequests or >= 500 => DeliveryResult.Retry(error, RetryAfter(response)),
                (int)HttpStatusCode.RequestTimeout => DeliveryResult.Retry(error),
                _ => DeliveryResult.Rejected(error),
            };
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The start of the error body, for <see cref="LogForwarderStats.LastError"/>; protobuf bodies are left out.</summary>
    private static async Task<string> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ({ } type) || !(type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("json", StringComparison.Ordinal)))
        {
            return response.ReasonPhrase ?? "";
        }

        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return text.Length > 200 ? text[..200] : text;
    }
}
