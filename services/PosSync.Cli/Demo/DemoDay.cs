using PosSync.Contracts;

namespace PosSync.Cli.Demo;

/// <summary>One day the demo runs.</summary>
public sealed record DemoDay(string ConsumerId, string LocationId, DateOnly Date, ServiceDay Day, bool Complete = true);
