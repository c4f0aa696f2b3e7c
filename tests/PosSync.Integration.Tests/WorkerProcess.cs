using System.Reflection;
using PosSync.Testing;

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
        var end = await DotnetProcess.RunAsync(
            DotnetProcess.StartInfo(Dll, new Dictionary<string, string>(), args, workingDirectory: Path.GetDirectoryName(Dll)),
            limit);
        return new WorkerExit(end.ExitCode, end.Output, end.Errors, end.Elapsed);
    }
}
