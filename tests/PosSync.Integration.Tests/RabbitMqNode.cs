using System.Diagnostics;

namespace PosSync.Integration.Tests;

/// <summary>
/// A RabbitMQ node of the test's own, started the way tests/run.sh starts the shared one (its own
/// RABBITMQ_* environment, mnesia and logs in a temporary folder, loopback only) so a test can stop
/// and restart a broker without disturbing the tests that share run.sh's. It also runs its own
/// Erlang port mapper (ERL_EPMD_PORT) so that it can be ended without touching the shared one.
/// Disposing kills what it started, by pid, and removes the folder.
/// </summary>
public sealed class RabbitMqNode : IAsyncDisposable
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    private readonly string _folder;
    private readonly string _nodeName;
    private readonly int _distributionPort;
    private readonly int _epmdPort;
    private Process? _server;
    private int? _beamPid;

    private RabbitMqNode(string folder, string nodeName, int port, int distributionPort, int epmdPort)
    {
        _folder = folder;
        _nodeName = nodeName;
        Port = port;
        _distributionPort = distributionPort;
        _epmdPort = epmdPort;
    }

    public int Port { get; }

    /// <summary>Skips (or fails in CI) where rabbitmq-server is not installed, as tests/run.sh would install it.</summary>
    public static async Task<RabbitMqNode> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists("/usr/sbin/rabbitmq-server") && !File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            const string why = "rabbitmq-server is not installed: tests/run.sh installs it";
            if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase)) Assert.Fail(why);
            Assert.Ignore(why);
        }
        var folder = Directory.CreateTempSubdirectory("possync-rabbitmq-").FullName;
        var id = Guid.NewGuid().ToString("N")[..8];
        var node = new RabbitMqNode(folder, $"possynctest{id}@localhost", LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        try
        {
            Directory.CreateDirectory(Path.Combine(folder, "mnesia"));
            Directory.CreateDirectory(Path.Combine(folder, "log"));
            await File.WriteAllTextAsync(Path.Combine(folder, "enabled_plugins"), "[].", cancellationToken);
            // The Debian wrapper runs the server as the rabbitmq user, which must own its folder.
            await RunAsync("chmod", ["755", folder], TimeSpan.FromSeconds(10), cancellationToken);
            await RunAsync("chown", ["-R", "rabbitmq:rabbitmq", folder], TimeSpan.FromSeconds(10), cancellationToken);
            await node.StartAgainAsync(cancellationToken);
            return node;
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts the node (again, with the same name, port and data after <see cref="StopAsync"/>) and waits until it
    /// accepts clients.
    /// </summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var pidFile = Path.Combine(_folder, "pid");
        File.Delete(pidFile);
        var start = Start("rabbitmq-server", []);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        _server = Process.Start(start)!;
        // Drained so the server never blocks on a full pipe; its own log is in the folder.
        _ = _server.StandardOutput.ReadToEndAsync(CancellationToken.None);
        _ = _server.StandardError.ReadToEndAsync(CancellationToken.None);

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(StartLimit);
        while (true)
        {
            if (_server.HasExited)
                throw new InvalidOperationException($"rabbitmq-server {_nodeName} ended while starting (exit {_server.ExitCode}); see {_folder}/log");
            if (limit.IsCancellationRequested)
                throw new TimeoutException($"rabbitmq-server {_nodeName} did not start within {StartLimit.TotalSeconds} s");
            if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile, CancellationToken.None)).Trim(), out var pid))
            {
                _beamPid = pid;
                if (await TryRunAsync("rabbitmqctl", ["-q", "-n", _nodeName, "await_startup", "--timeout", "5"], TimeSpan.FromSeconds(15))) return;
            }
            await Task.Delay(500, CancellationToken.None);
        }
    }

    /// <summary>Ends the broker as an outage would: its clients lose their connections and cannot reconnect.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_beamPid is { } pid && Running(pid))
        {
            // SIGTERM: the Erlang VM shuts the node down in order, as a broker restart does.
            await RunAsync(
                "kill",
                ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)],
                TimeSpan.FromSeconds(5),
                cancellationToken);
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (Running(pid) && DateTime.UtcNow < deadline) await Task.Delay(200, cancellationToken);
            if (Running(pid)) Kill(pid);
        }
        _beamPid = null;
        if (_server is not null)
        {
            await _server.WaitForExitAsync(cancellationToken);
            _server.Dispose();
            _server = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_beamPid is { } pid && Running(pid)) Kill(pid);
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.Dispose();
        // Only this node's port mapper: ERL_EPMD_PORT names it.
        await TryRunAsync("epmd", ["-kill"], TimeSpan.FromSeconds(10));
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a dying process: the temporary folder goes with the machine's cleanup.
        }
    }

    private ProcessStartInfo Start(string program, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["RABBITMQ_NODENAME"] = _nodeName;
        start.Environment["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
        start.Environment["RABBITMQ_NODE_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["RABBITMQ_MNESIA_BASE"] = Path.Combine(_folder, "mnesia");
        start.Environment["RABBITMQ_LOG_BASE"] = Path.Combine(_folder, "log");
        start.Environment["RABBITMQ_PID_FILE"] = Path.Combine(_folder, "pid");
        start.Environment["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(_folder, "enabled_plugins");
        start.Environment["ERL_EPMD_PORT"] = _epmdPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return start;
    }

    private async Task<bool> TryRunAsync(string program, string[] args, TimeSpan limit)
    {
        var start = Start(program, args);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return false;
        }
        await Task.WhenAll(output, errors);
        return process.ExitCode == 0;
    }

    private static async Task RunAsync(string program, string[] args, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var process = Process.Start(new ProcessStartInfo(program, args) { UseShellExecute = false })!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {process.ExitCode}");
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void Kill(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Already gone.
        }
    }
}
