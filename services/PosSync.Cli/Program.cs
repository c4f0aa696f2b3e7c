using System.CommandLine;
using PosSync.Cli.Commands;
using PosSync.ServiceDefaults;

var root = new RootCommand("possync: books every closed POS service day into the accounting tool, and helps support find out why a day is missing.")
{
    DemoCommand.Create(),
    PreviewCommand.Create(),
    MigrateCommand.Create(),
    BenchCommand.Create(),
    SandboxCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (PosSyncConfigurationException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
