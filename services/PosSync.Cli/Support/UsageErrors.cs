using System.CommandLine;
using System.CommandLine.Parsing;

namespace PosSync.Cli.Support;

/// <summary>
/// What System.CommandLine found wrong on the command line, one line per problem, naming the option
/// or argument and what it expects, and exit 1 like every other bad argument. Never a .NET type name
/// and never the whole help: a person who typed one wrong value needs to see that value, and
/// <c>--help</c> is one word away.
/// </summary>
public static class UsageErrors
{
    public const int ExitCode = 1;

    public static int Report(ParseResult parsed, TextWriter errors)
    {
        foreach (var line in Lines(parsed).Distinct()) errors.WriteLine($"error: {line}");
        return ExitCode;
    }

    private static IEnumerable<string> Lines(ParseResult parsed)
    {
        var commandProblems = new List<ParseError>();
        foreach (var error in parsed.Errors)
        {
            switch (error.SymbolResult)
            {
                case OptionResult option:
                    yield return Describe(option, error);
                    break;
                case ArgumentResult { Parent: OptionResult option }:
                    yield return Describe(option, error);
                    break;
                case ArgumentResult argument when argument.Tokens.Count == 0:
                    yield return $"{Name(parsed.CommandResult)} needs <{argument.Argument.Name}>: {Lower(argument.Argument.Description)} " +
                        $"({Name(parsed.CommandResult)} --help shows an example)";
                    break;
                case ArgumentResult argument:
                    yield return $"<{argument.Argument.Name}> expects " +
                        $"{ValueExpectation.Describe(argument.Argument.ValueType, argument.Tokens[0].Value)}, not \"{argument.Tokens[0].Value}\"";
                    break;
                default:
                    commandProblems.Add(error);
                    break;
            }
        }
        if (commandProblems.Count == 0) yield break;
        // Words the command did not expect, and a group of commands called without one of them: said
        // from the parse itself rather than from System.CommandLine's wording.
        var command = parsed.CommandResult;
        var described = false;
        if (parsed.UnmatchedTokens.Count > 0)
        {
            described = true;
            // Under a group, the first unknown word is the command mistyped; what follows was meant for it.
            yield return command.Command.Subcommands.Count > 0 && command.Command.Action is null
                ? $"{Name(command)} has no command \"{parsed.UnmatchedTokens[0]}\"; it has {Subcommands(command.Command)} " +
                    $"({Name(command)} --help describes them)"
                : $"{Name(command)} does not take {string.Join(" ", parsed.UnmatchedTokens.Select(t => $"\"{t}\""))} ({Name(command)} " +
                    "--help lists what it takes)";
        }
        else if (command.Command.Subcommands.Count > 0 && command.Command.Action is null)
        {
            described = true;
            yield return $"{Name(command)} needs a command: {Subcommands(command.Command)} ({Name(command)} --help describes them)";
        }
        if (!described)
            foreach (var error in commandProblems) yield return error.Message;
    }

    private static string Describe(OptionResult result, ParseError error)
    {
        var option = result.Option;
        if (result.IdentifierToken is null)
            return $"{Name(CommandOf(result))} needs {option.Name}: {Lower(option.Description)}";
        if (result.Tokens.Count == 0)
            return $"{option.Name} needs a value: {Expected(option)}";
        var token = result.Tokens[0].Value;
        // An option with its own checks may refuse a value of the right type: its message already says why.
        if (option.Validators.Count > 0 && ValueExpectation.Accepts(option.ValueType, token)) return error.Message;
        return $"{option.Name} expects {ValueExpectation.Describe(option.ValueType, token)}, not \"{token}\"";
    }

    private static string Expected(Option option) =>
        ValueExpectation.Describe(option.ValueType) is var words && words != "a value" ? words : Lower(option.Description);

    private static CommandResult CommandOf(SymbolResult result) =>
        result as CommandResult ?? CommandOf(result.Parent ?? throw new InvalidOperationException("an option outside any command"));

    /// <summary>How the user called the command: "possync consumers find".</summary>
    private static string Name(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? at = command; at is CommandResult c; at = c.Parent)
            if (c.Command is not RootCommand) names.Insert(0, c.Command.Name);
        return string.Join(" ", ["possync", .. names]);
    }

    private static string Subcommands(Command command) => string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name));

    /// <summary>A description inside a sentence: "The consumer id" reads "the consumer id"; "RabbitMQ host" keeps its capitals.</summary>
    private static string Lower(string? description) =>
        string.IsNullOrEmpty(description) ? "see --help"
        : description.Length > 1 && char.IsUpper(description[1]) ? description
        : char.ToLowerInvariant(description[0]) + description[1..];
}
