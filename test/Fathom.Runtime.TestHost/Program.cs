using System.Text;
using Fathom.Runtime.Functions;
using Fathom.Runtime.Hosting;
using Fathom.Runtime.Invocations;

// Usage: Fathom.Runtime.TestHost STATE_DIR CODE_DIR HANDLER
// Prints the function's response (one JSON line), then blocks until it is killed.
var host = new FunctionRuntime(new RuntimeOptions { StateDirectory = args[0] });
host.Load(new FunctionDefinition { Name = "victim", Runtime = "nodejs20.x", Handler = args[2], CodeDirectory = args[1], Timeout = TimeSpan.FromSeconds(30) });
var result = await host.InvokeAsync(new InvocationRequest { FunctionName = "victim", Version = "$LATEST", Payload = "{}"u8.ToArray(), Source = "test" }, CancellationToken.None);
Console.WriteLine(Encoding.UTF8.GetString(result.Payload.Span));
Console.Out.Flush();
await Task.Delay(Timeout.Infinite);
