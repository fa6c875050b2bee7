namespace Fathom.Apps.Tests.Validation;

/// <summary>Paths API Gateway refuses are template errors with a location; they used to pass validation and then stop
/// <c>fathom up</c> when the gateway refused the route table.</summary>
public sealed class RoutePathTests
{
    [Theory]
    [InlineData("/a/{proxy+}/b", "the greedy parameter '{proxy+}' must be the last segment")]
    [InlineData("/orders/{id}.json", "a parameter must be a whole segment, not '{id}.json'")]
    [InlineData("/a//b", "it has an empty segment (//)")]
    [InlineData("/a/{}", "'{}' is not a valid parameter")]
    [InlineData("/a/{id}/b/{id}", "parameter 'id' appears twice")]
    public void Load_PathTheGatewayCannotServe_IsAnErrorAtThePath(string path, string problem)
    {
        using var temp = new TempDirectory();
        HostileTemplates.WriteApp(temp.Path, $$$"""
            Transform: AWS::Serverless-2016-10-31
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  CodeUri: src/
                  Handler: index.handler
                  Runtime: nodejs20.x
                  Events:
                    Get: {Type: HttpApi, Properties: {Path: '{{{path}}}', Method: GET}}
            """);

        var result = AppLoader.Load(temp.Path, AppLoadOptions.Default);

        var error = result.Errors.Should().ContainSingle().Subject;
        error.Message.Should().Be($"Fn.Events.Get.Properties.Path '{path}': {problem}");
        (error.Line, error.Column).Should().Be((10, 49));
    }
}
