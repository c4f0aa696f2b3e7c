namespace PosSync.Cli.Demo;

/// <summary>A category of the tills, as Lightspeed numbers it (accounting groups have int64 ids) and names it.</summary>
public sealed record DemoCategory(string Id, string Name);
