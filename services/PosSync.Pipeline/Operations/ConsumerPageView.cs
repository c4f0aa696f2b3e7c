using PosSync.Domain.Configuration;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline.Operations;

/// <summary>Everything support reads about one consumer, read-only: the "sync link" view.</summary>
public sealed record ConsumerPageView(
    ConsumerConfiguration Config,
    IReadOnlyList<ConnectionView> Connections,
    bool Enabled,
    IReadOnlyList<string> DisabledReasons,
    IReadOnlyList<ConsumerIssue> Issues,
    ExecutionRecord? LastExecution,
    IReadOnlyList<ExecutionRecord> RecentExecutions,
    IReadOnlyList<RequestRecord> RecentRequests,
    string ConfigurationJson,
    IReadOnlyList<ConfigurationHistoryEntry> History);
