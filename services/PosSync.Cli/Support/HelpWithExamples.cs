using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace PosSync.Cli.Support;

/// <summary>
/// System.CommandLine's help, followed by an "Examples:" section (<see cref="CommandExamples"/>):
/// its help builder is not public, so the standard help action writes its part and this one adds
/// the examples after it.
/// </summary>
public sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Puts the examples into every command's --help (the help option is recursive from the root).</summary>
    public static void Install(RootCommand root)
    {
        foreach (var help in root.Options.OfType<HelpOption>())
            if (help.Action is HelpAction standard) help.Action = new HelpWithExamples(standard);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var exit = standard.Invoke(parseResult);
        var examples = CommandExamples.For(Words(parseResult.CommandResult));
        if (examples.Count == 0) return exit;
        var output = parseResult.InvocationConfiguration.Output;
        output.WriteLine("Examples:");
        foreach (var example in examples) output.WriteLine($"  {example}");
        output.WriteLine();
        return exit;
    }

    private static string Words(CommandResult command)
    {
        var words = new List<string>();
        for (SymbolResult? at = command; at is CommandResult c && c.Command is not RootCommand; at = c.Parent) words.Insert(0, c.Command.Name);
        return string.Join(" ", words);
    }
}
