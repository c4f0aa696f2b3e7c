namespace PosSync.Cli.Support;

/// <summary>
/// One file of a support bundle: its name, the support guide's question it answers, and the possync
/// command whose output it is (null: the bundle writes it itself), so support can run it again.
/// </summary>
/// <param name="CommandWritesFile">The command writes the file itself (an export's --out); what it prints is a summary.</param>
public sealed record BundlePart(string File, string Answers, IReadOnlyList<string>? Command, bool CommandWritesFile = false);
