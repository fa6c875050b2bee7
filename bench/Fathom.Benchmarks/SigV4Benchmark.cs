using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Fathom.Server.Access.SigV4;

namespace Fathom.Benchmarks;

/// <summary>What checking one SigV4 signature costs the admin port: <see cref="SigV4Verifier.Verify"/> on an Invoke request
/// as the aws CLI signs it (an ARN path, a qualifier, seven signed headers), and hashing its body, per KB.</summary>
internal static class SigV4Benchmark
{
    private const string Secret = "fAtH0m/SigV4+BenchSecret/0123456789abcdefgh";

    public static Task<int> RunAsync(BenchArguments arguments)
    {
        var count = arguments.Int("count", 200_000);
        var bodyKb = arguments.Int("body-kb", 1024);
        var now = DateTimeOffset.UtcNow;
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var body = new byte[bodyKb * 1024];
        var bodyHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var headers = new Dictionary<string, string>
        {
            ["content-type"] = "application/json",
            ["host"] = "127.0.0.1:9400",
            ["x-amz-content-sha256"] = bodyHash,
            ["x-amz-date"] = amzDate,
            ["x-amz-invocation-type"] = "RequestResponse",
            ["x-amz-log-type"] = "None",
            ["x-amz-user-agent"] = "aws-cli/2.9.19 Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off command/lambda.invoke",
        };
        var request = new SigV4Request("POST", "/aws/shop/prod/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Acheckout/invocations",
            "Qualifier=live", name => headers.TryGetValue(name, out var v) ? [v] : [], bodyHash);
        var header = $"AWS4-HMAC-SHA256 Credential=AKIAFATHOMBENCH00001/{amzDate[..8]}/us-east-1/lambda/aws4_request, "
            + $"SignedHeaders={string.Join(';', headers.Keys.Order(StringComparer.Ordinal))}, Signature=0";
        var unsigned = SigV4Authorization.FromHeader(header, out _)!;
        var authorization = unsigned with { Signature = SigV4Verifier.Sign(request, unsigned, Secret, amzDate, bodyHash) };
        if (SigV4Verifier.Verify(request, authorization, Secret, "lambda", now) is { } error)
        {
            Console.Error.WriteLine("the benchmark's own request does not verify: " + error.Message);
            return Task.FromResult(1);
        }

        for (var round = 0; round < 3; round++)
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < count; i++)
            {
                SigV4Verifier.Verify(request, authorization, Secret, "lambda", now);
            }

            var verify = Stopwatch.GetElapsedTime(started) / count;
            started = Stopwatch.GetTimestamp();
            const int Hashes = 20;
            for (var i = 0; i < Hashes; i++)
            {
                SHA256.HashData(body);
            }

            var hash = Stopwatch.GetElapsedTime(started) / Hashes;
            Console.WriteLine($"verify {verify.TotalMicroseconds:0.0} µs/request; body hash {hash.TotalMicroseconds / bodyKb:0.00} µs/KB ({bodyKb} KB: {hash.TotalMilliseconds:0.00} ms)");
        }

        return Task.FromResult(0);
    }
}
