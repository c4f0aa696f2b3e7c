using System.Runtime.InteropServices;

namespace PosSync.Cli.Support;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM for every command, handled in one place. The first signal cancels
/// the command's token and the command winds down (a back-fill stops starting days, lets the runs
/// in hand finish and withdraws the ones never picked up); whatever is still going on after
/// <see cref="Deadline"/> is cut short, so an operator or a pod's termination grace never waits
/// longer than 10 s. A second signal ends the process at once.
/// </summary>
/// <remarks>
/// System.CommandLine's own handler is switched off (ProcessTerminationTimeout = null): it returns
/// from Main after 2 s while the command is still winding down, and the host's console lifetime
/// then waits on process exit for a host that is still stopping, which is how a back-fill could
/// not be stopped but by kill -9.
/// </remarks>
public sealed class StopSignal : IDisposable
{
    /// <summary>How long a command may wind down after the first signal before the process exits anyway.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(9);

    private readonly CancellationTokenSource _stop = new();
    private readonly TextWriter _messages;
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private int _signals;

    private StopSignal(TextWriter messages)
    {
        _messages = messages;
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public static StopSignal Register(TextWriter messages) => new(messages);

    public CancellationToken Token => _stop.Token;

    /// <summary>The signal that stopped the command, if one came.</summary>
    public PosixSignal? Received { get; private set; }

    /// <summary>The shell's convention: 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => Received == PosixSignal.SIGINT ? 130 : 143;

    private void OnSignal(PosixSignalContext context)
    {
        // Cancelled: the process does not end here, the command winds down and returns.
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            _messages.WriteLine("Stopped at once (second signal).");
            Environment.Exit(ExitCode);
        }
        Received = context.Signal;
        _messages.WriteLine($"{Name(context.Signal)}: stopping within {Deadline.TotalSeconds:0} s (again to stop at once).");
        // The command's continuations must not run on the runtime's signal thread.
        ThreadPool.QueueUserWorkItem(_ => _stop.Cancel());
        var watchdog = new Thread(() =>
        {
            Thread.Sleep(Deadline);
            _messages.WriteLine($"Still winding down after {Deadline.TotalSeconds:0} s: stopped.");
            Environment.Exit(ExitCode);
        }) { IsBackground = true, Name = "possync stop deadline" };
        watchdog.Start();
    }

    private static string Name(PosixSignal signal) => signal == PosixSignal.SIGINT ? "Interrupted (SIGINT)" : "Terminated (SIGTERM)";

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _stop.Dispose();
    }
}
