using System.CommandLine;
using System.Text;
using PosSync.Cli.Output;
using PosSync.Pipeline.Operations;

namespace PosSync.Cli.Support;

/// <summary>
/// Runs a possync command in this process with what it prints going to a file: the support bundle
/// holds exactly what support would read by running the command, never a second rendering of it.
/// </summary>
public static class CommandCapture
{
    /// <summary>What the command printed, or why it could not answer (one line, as it would have said it).</summary>
    public sealed record Result(string Printed, string? Problem);

    /// <param name="file">Where its output goes; null: kept in <see cref="Result.Printed"/> (a command writing its own file prints a
    /// summary).</param>
    public static async Task<Result> RunAsync(RootCommand root, IReadOnlyList<string> args, string? file, CancellationToken cancellationToken)
    {
        var output = Console.Out;
        var error = Console.Error;
        var printed = new StringWriter();
        var errors = new StringWriter();
        TextWriter target = file is null ? printed : new StreamWriter(file, false, new UTF8Encoding(false));
        int code;
        try
        {
            Console.SetOut(new TerminalSafeWriter(target));
            Console.SetError(errors);
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false };
            code = await root.Parse([.. args]).InvokeAsync(invocation, cancellationToken);
        }
        catch (OperationRefusedException e)
        {
            code = -1;
            errors.WriteLine(e.Message);
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
            if (file is not null) await target.DisposeAsync();
        }
        if (code == 0) return new Result(printed.ToString().Trim(), null);
        // A part that could not be written leaves no half file behind, only the reason.
        if (file is not null) File.Delete(file);
        var reason = errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return new Result("", reason?.StartsWith("error: ", StringComparison.Ordinal) == true ? reason[7..] : reason ?? $"possync exited {code}");
    }
}
