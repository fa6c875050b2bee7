using System.Text;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

// Usage: Fathom.Runtime.TestHost STATE_DIR CODE_DIR HANDLER [plain]
// Prints the function's response (one JSON line), then blocks until it is killed.
var host = new FunctionRuntime(new RuntimeOptions { StateDirectory = args[0], Sandbox = args.Length < 4 || args[3] != "plain" });
host.Load(new FunctionDefinition { App = "test", EnvironmentName = "test", Name = "victim", Runtime = "nodejs20.x", Handler = args[2], CodeDirectory = args[1], Timeout = TimeSpan.FromSeconds(30) });
var result = await host.InvokeAsync(new InvocationRequest { App = "test", Environment = "test", FunctionName = "victim", Version = "$LATEST", Payload = "{}"u8.ToArray(), Source = "test" }, CancellationToken.None);
Console.WriteLine(Encoding.UTF8.GetString(result.Payload.Span));
Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
