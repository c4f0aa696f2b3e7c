namespace PosSync.Cli.Bench;

/// <summary>What <c>possync bench pipeline</c> runs: rounds of so many days on each side, days of so many orders.</summary>
public sealed record PipelineBenchSettings(int Days, int Orders, int Rounds, int LatencySamples = 5)
{
    /// <summary>Every day the pipeline side books: a warm-up, the rounds, the one-day latencies.</summary>
    public int PipelineDays => 1 + Days * Rounds + LatencySamples;
}
