using Microsoft.Extensions.Hosting;

namespace PosSync.Cli.Support;

/// <summary>
/// The lifetime of a host a command starts: it does nothing, because <see cref="StopSignal"/>
/// owns Ctrl+C and SIGTERM. The default console lifetime would stop the bus under a command that
/// is still draining its runs, and would hold process exit until the host is disposed.
/// </summary>
public sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
