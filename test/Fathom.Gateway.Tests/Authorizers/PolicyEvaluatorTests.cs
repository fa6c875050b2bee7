using System.Text.Json;
using Fathom.Gateway.Authorizers;

namespace Fathom.Gateway.Tests.Authorizers;

public sealed class PolicyEvaluatorTests
{
    private const string Arn = "arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets/42";

    [Theory]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets/42", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/*", true)]
    [InlineData("arn:aws:execute-api:*:*:abc123/*/GET/*", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets/?", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets/??", true)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets/???", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/POST/*", false)]
    [InlineData("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/pets", false)]
    [InlineData("*", true)]
    public void Evaluate_AllowWithPattern_AllowsOnlyMatchingArns(string resource, bool allowed)
    {
        var decision = PolicyEvaluator.Evaluate(Policy(("Allow", resource)), Arn);

        decision.Should().Be(allowed ? PolicyDecision.Allow : PolicyDecision.ImplicitDeny);
    }

    [Fact]
    public void Evaluate_AllowAndMatchingDeny_DenyWins()
    {
        var decision = PolicyEvaluator.Evaluate(Policy(("Allow", "*"), ("Deny", "arn:aws:execute-api:*:*:abc123/*/GET/pets/*")), Arn);

        decision.Should().Be(PolicyDecision.ExplicitDeny);
    }

    [Fact]
    public void Evaluate_DenyForOtherMethod_AllowStands()
    {
        var decision = PolicyEvaluator.Evaluate(Policy(("Allow", "*"), ("Deny", "arn:aws:execute-api:*:*:abc123/*/DELETE/*")), Arn);

        decision.Should().Be(PolicyDecision.Allow);
    }

    [Theory]
    [InlineData("""{"Version":"2012-10-17","Statement":[{"Action":"execute-api:*","Effect":"Allow","Resource":["x","*"]}]}""", "Allow")]
    [InlineData("""{"Version":"2012-10-17","Statement":{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}}""", "Allow")]
    [InlineData("""{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}""", "ImplicitDeny")]
    [InlineData("""{"Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","NotResource":"arn:aws:execute-api:*:*:abc123/*/GET/*"}]}""", "ImplicitDeny")]
    [InlineData("""{"Statement":[{"Action":"execute-api:Invoke","Effect":"Deny","NotResource":"arn:aws:execute-api:*:*:abc123/*/POST/*"}]}""", "ExplicitDeny")]
    [InlineData("""{"Statement":[]}""", "Invalid")]
    [InlineData("""{"Version":"2012-10-17"}""", "Invalid")]
    [InlineData("""{"Statement":[{"Action":"execute-api:Invoke","Effect":"Maybe","Resource":"*"}]}""", "Invalid")]
    [InlineData("""{"Statement":[{"Effect":"Allow","Resource":"*"}]}""", "Invalid")]
    public void Evaluate_DocumentShapes(string policy, string expected)
    {
        using var document = JsonDocument.Parse(policy);

        PolicyEvaluator.Evaluate(document.RootElement, Arn).ToString().Should().Be(expected);
    }

    [Fact]
    public void MethodArn_RootPath_EndsWithSlash()
    {
        MethodArn.For("us-east-1", "123456789012", "abc123", "Prod", "GET", "/").Should().Be("arn:aws:execute-api:us-east-1:123456789012:abc123/Prod/GET/");
    }

    private static JsonElement Policy(params (string Effect, string Resource)[] statements)
    {
        var json = JsonSerializer.Serialize(new
        {
            Version = "2012-10-17",
            Statement = statements.Select(s => new { Action = "execute-api:Invoke", s.Effect, s.Resource }),
        });
        return JsonDocument.Parse(json).RootElement;
    }
}
