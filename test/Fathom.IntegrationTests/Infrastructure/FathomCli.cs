using System.Diagnostics;

namespace Fathom.IntegrationTests.Infrastructure;

/// <summary>Runs the built `fathom` CLI as a process, as a user would.</summary>
internal static class FathomCli
{
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args) => StartInfo(workingDirectory, interruptible: false, args);

    /// <summary>With <paramref name="interruptible"/>, SIGINT is reset to its default first: a test host started as a
    /// background job inherits SIGINT ignored, and .NET keeps an ignored signal ignored, so Ctrl+C would never
    /// arrive. A terminal's foreground process always has it. (<c>env</c> execs, so the pid stays the CLI's.)</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, bool interruptible, params string[] args)
    {
        var info = new ProcessStartInfo(interruptible ? "/usr/bin/env" : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (interruptible)
        {
            info.ArgumentList.Add("--default-signal=INT");
            info.ArgumentList.Add("dotnet");
        }

        info.ArgumentList.Add(RepoPaths.CliDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment.Remove("FATHOM_SERVER");
        return info;
    }

    /// <summary>The same start behind another program: <paramref name="program"/> <paramref name="prefix"/>… then the
    /// original command line (a shell that opens descriptors first, setpriv to another user, …); the environment is kept.</summary>
    public static ProcessStartInfo Behind(ProcessStartInfo start, string program, params string[] prefix)
    {
        var wrapped = new ProcessStartInfo(program)
        {
            WorkingDirectory = start.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in prefix.Append(start.FileName).Concat(start.ArgumentList))
        {
            wrapped.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in start.Environment)
        {
            wrapped.Environment[key] = value;
        }

        return wrapped;
    }

    public static async Task<CliResult> RunAsync(string workingDirectory, string[] args, string? standardInput = null, TimeSpan? timeout = null)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"fathom {string.Join(' ', args)} did not finish in time:\n{await stdout}\n{await stderr}");
        }

        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
