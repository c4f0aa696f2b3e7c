namespace PosSync.Cli.Demo;

/// <summary>A day the demo asks the pipeline to sync.</summary>
public sealed record DemoRunDay(string ConsumerId, string LocationId, DateOnly Date);
