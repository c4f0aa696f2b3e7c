using PosSync.Sandbox.Xero;
using PosSync.Storage.Stores;

namespace PosSync.Cli.Demo;

/// <summary>What a demo run did, for the command's exit code and for tests that look behind the table.</summary>
/// <param name="XeroJournals">The manual journals the pub's Xero organisation holds once the week has run.</param>
public sealed record DemoReport(int ExitCode, IReadOnlyList<ExecutionRecord> Executions, string DataFolder, IReadOnlyList<string> SecretsIssued,
    int SandboxRequests, int PennylaneEntries, IReadOnlyList<XeroStoredJournal> XeroJournals);
