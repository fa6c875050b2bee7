using System.Net;
using System.Text.Json;

namespace Fathom.IntegrationTests.Up;

/// <summary>SAM CLI's <c>--env-vars</c> and <c>--parameter-overrides</c> on a running app, as the functions see them.</summary>
public sealed class ConfigOverridesTests(ConfigAppFixture app) : IClassFixture<ConfigAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EnvVars_FunctionSectionWinsOverParameters_AndOnlyDeclaredVariablesChange()
    {
        var config = await GetJsonAsync("/config");
        var other = await GetJsonAsync("/other");

        config.GetProperty("TABLE").GetString().Should().Be("from-function-section", "the function's own section wins over \"Parameters\"");
        config.GetProperty("GREETING").GetString().Should().Be("from-parameters-section");
        config.GetProperty("KEPT").GetString().Should().Be("from-template", "a variable the file does not name keeps the template's value");
        config.TryGetProperty("UNDECLARED", out _).Should().BeFalse("the file only overrides variables the template declares");
        config.TryGetProperty("ALSO_UNDECLARED", out _).Should().BeFalse();
        config.GetProperty("AWS_LAMBDA_FUNCTION_NAME").GetString().Should().Be("Config");
        other.GetProperty("TABLE").GetString().Should().Be("from-parameters-section", "another function's section does not apply");
        other.GetProperty("GREETING").GetString().Should().Be("from-parameters-section");
        other.TryGetProperty("STAGE", out _).Should().BeFalse();
    }

    [Fact]
    public async Task ParameterOverrides_ReachRefAndSubInTheTemplate()
    {
        var config = await GetJsonAsync("/config");

        config.GetProperty("STAGE").GetString().Should().Be("prod", "--parameter-overrides Stage=prod replaces the default 'dev'");
        config.GetProperty("QUEUE").GetString().Should().Be("jobs-prod");
    }

    [Fact]
    public async Task NoRoute_RestOnlyApp_Is403MissingAuthenticationToken()
    {
        using var client = app.Up.AppClient();

        using var response = await client.GetAsync("/nowhere", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Be("""{"message": "Missing Authentication Token"}""");
        response.Headers.GetValues("x-amzn-ErrorType").Should().Equal("MissingAuthenticationTokenException");
        response.Headers.Contains("x-amzn-RequestId").Should().BeTrue();
    }

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var client = app.Up.AppClient();
        using var response = await client.GetAsync(path, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
