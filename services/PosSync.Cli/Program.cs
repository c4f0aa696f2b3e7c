using System.Data.Common;
using System.CommandLine;
using System.CommandLine.Invocation;
using PosSync.Cli.Commands;
using PosSync.Cli.Output;
using PosSync.Cli.Support;
using PosSync.Pipeline.Operations;
using PosSync.ServiceDefaults;

// Everything printed for people goes through one filter, so no stored text can drive the terminal.
Console.SetOut(new TerminalSafeWriter(Console.Out));
Console.SetError(new TerminalSafeWriter(Console.Error));

var root = new RootCommand("possync: books every closed POS service day into the accounting tool, and helps support find out why a day is missing.")
{
    DemoCommand.Create(),
    PreviewCommand.Create(),
    MigrateCommand.Create(),
    PruneCommand.Create(),
    BenchCommand.Create(),
    SandboxCommand.Create(),
    ConsumersCommand.Create(),
    ExecutionsCommand.Create(),
    RequestsCommand.Create(),
    DiagnoseCommand.Create(),
    RunCommands.Schedule(),
    RunCommands.Retry(),
    RunCommands.Reimport(),
    ErrorsCommand.Create(),
    ExportCommand.Create(),
    ConnectCommand.Create(),
    SupportBundleCommand.Create(),
};
root.Options.Add(CliServices.Data);
root.Options.Add(CliServices.Json);
HelpWithExamples.Install(root);
var parsed = root.Parse(args);
// A value of the wrong type, a missing argument, an unknown word: one line each, not the whole help.
if (parsed.Action is ParseErrorAction) return UsageErrors.Report(parsed, Console.Error);
// Ctrl+C and SIGTERM are ours (StopSignal), so System.CommandLine's 2 s handler is off.
using var stop = StopSignal.Register(Console.Error);
try
{
    return await parsed.InvokeAsync(
        new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null },
        stop.Token);
}
catch (Exception e) when (e is PosSyncConfigurationException or OperationRefusedException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (stop.Received is not null)
{
    // Stopped by the operator or the orchestrator: the shell's 128 + signal, not a crash.
    return stop.ExitCode;
}
catch (DbException e)
{
    // The database already had its patience (CliServices.LockTimeoutSeconds): one line naming it, never a stack trace.
    Console.Error.WriteLine(DatabaseProblem.Line(CliServices.DescribeDatabase(parsed.GetValue(CliServices.Data)), e));
    return 1;
}
