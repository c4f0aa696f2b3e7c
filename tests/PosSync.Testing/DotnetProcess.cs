using System.Diagnostics;

namespace PosSync.Testing;

/// <summary>What a process that ran to its end printed, and how long it took.</summary>
public sealed record ProcessEnd(int ExitCode, string Output, string Errors, TimeSpan Elapsed);

/// <summary>
/// A .NET program of the solution run as its own process (`dotnet X.dll args`), as a container or a
/// CronJob runs it: one way to start it and one way to wait for its end, for the CLI and the workers.
/// </summary>
public static class DotnetProcess
{
    public static ProcessStartInfo StartInfo(string dll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args,
        bool input = false, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input, UseShellExecute = false,
        };
        if (workingDirectory is not null) start.WorkingDirectory = workingDirectory;
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>
    /// Runs it to its end, <paramref name="input"/> typed on standard input; one still running after <paramref
    /// name="limit"/> is killed and reported.
    /// </summary>
    public static async Task<ProcessEnd> RunAsync(ProcessStartInfo start, TimeSpan limit, string? input = null)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(
                $"{string.Join(' ', start.ArgumentList)} was still running after {limit.TotalSeconds} s; its standard error: {await errors}");
        }
        return new ProcessEnd(process.ExitCode, await output, await errors, clock.Elapsed);
    }
}
