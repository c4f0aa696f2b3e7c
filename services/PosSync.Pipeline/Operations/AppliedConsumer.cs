using PosSync.Domain.Configuration;

namespace PosSync.Pipeline.Operations;

/// <summary>What applying a configuration file did, and the changes recorded in the consumer's history.</summary>
public sealed record AppliedConsumer(ConsumerState State, bool Created, IReadOnlyList<string> IgnoredStatuses,
    IReadOnlyList<ConfigurationChange> Changes);
