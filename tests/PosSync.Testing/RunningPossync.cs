using System.Diagnostics;
using System.Text;

namespace PosSync.Testing;

/// <summary>
/// A possync process left running, to be stopped the way an operator (Ctrl+C) or Kubernetes
/// (SIGTERM) stops it. Its output is collected as it comes.
/// </summary>
public sealed class RunningPossync : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _errors = new();

    private RunningPossync(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_errors) _errors.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static RunningPossync Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        return new RunningPossync(Process.Start(DotnetProcess.StartInfo(Possync.Dll, environment, args))!);
    }

    public int Id => _process.Id;

    public string Output { get { lock (_output) return _output.ToString(); } }

    public string Errors { get { lock (_errors) return _errors.ToString(); } }

    /// <summary>
    /// Whether the process inherited an ignored signal (a shell starts background jobs with SIGINT
    /// ignored, and .NET keeps it so): such a signal cannot be tested from here.
    /// </summary>
    public bool Ignores(string signal)
    {
        var number = signal switch { "INT" => 2, "TERM" => 15, _ => throw new ArgumentOutOfRangeException(nameof(signal)) };
        var line = File.ReadLines($"/proc/{Id}/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & (1UL << (number - 1))) != 0;
    }

    /// <summary>Sends the signal (INT or TERM) with /bin/kill, as an operator or the kubelet would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, Id.ToString() }, UseShellExecute = false })!;
        await kill.WaitForExitAsync();
    }

    /// <summary>The exit code, or null when the process had not ended within the limit.</summary>
    public async Task<int?> WaitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
