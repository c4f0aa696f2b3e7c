using System.Diagnostics;
using System.Reflection;

namespace PosSync.Integration.Tests;

public sealed record WorkerExit(int ExitCode, string Output, string Errors, TimeSpan Elapsed);

/// <summary>
/// The reconciliation worker as a process of its own, started the way its container starts it
/// (`dotnet PosSync.Reconciliation.Worker.dll` in its folder), so the exit code and the standard
/// error are what an operator sees.
/// </summary>
public static class WorkerProcess
{
    public static string Dll { get; } = typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "ReconciliationWorkerDll").Value!;

    /// <summary>Runs it to its end; one that is still running after <paramref name="limit"/> is killed and reported as a timeout.</summary>
    public static async Task<WorkerExit> RunAsync(TimeSpan limit, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
        };
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
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
            throw new TimeoutException($"the worker was still running after {limit.TotalSeconds} s; its standard error: {await errors}");
        }
        return new WorkerExit(process.ExitCode, await output, await errors, clock.Elapsed);
    }
}
