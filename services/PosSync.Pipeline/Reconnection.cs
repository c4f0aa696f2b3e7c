using PosSync.Connectors;
using PosSync.Connectors.Http;
using PosSync.Domain.Configuration;
using PosSync.Domain.Outcomes;
using PosSync.Storage.Stores;

namespace PosSync.Pipeline;

/// <summary>
/// The client connected (or reconnected) a tool: its credentials are stored, the connection is
/// active again and the credential issues it had are resolved; the next run books the missing days.
/// </summary>
public sealed class Reconnection(ConsumerStore consumers, ConnectionStore connections, IssueStore issues,
    OAuthTokens tokens, VendorOptions vendors, ConsentFlow consent,
    Operations.ConsumerStates states)
{
    /// <summary>The vendor's consent page for this connection, or why the settings do not allow one.</summary>
    public (ConsentRequest? Request, string? Problem) BeginConsent(string consumerId, ConnectorRole role, string connector)
    {
        if (vendors.For(connector) is not { } vendor) return (null, $"{connector} does not connect through OAuth.");
        if (ConsentFlow.Problem(VendorOptions.SettingName(connector), vendor) is { } problem) return (null, problem);
        return (consent.Begin(consumerId, StoreRole(role), vendor), null);
    }

    /// <summary>
    /// The end of the consent: what the client pasted (the address the browser landed on, or the
    /// code) becomes stored credentials. Returns why it did not, in one line, or null.
    /// </summary>
    public async Task<string?> CompleteConsentAsync(string consumerId, ConnectorRole role, string connector, string pasted, ConsentRequest issued,
        CancellationToken cancellationToken)
    {
        var vendor = vendors.For(connector) ?? throw new ArgumentException($"{connector} does not connect through OAuth", nameof(connector));
        var answer = consent.Read(pasted, consumerId, StoreRole(role), issued, vendor);
        if (answer.Problem is { } problem) return problem;
        var failure = await tokens.ExchangeCodeAsync(
            new ConnectorContext(consumerId, null), StoreRole(role), connector, vendor, answer.Code!,
            answer.CodeVerifier, cancellationToken);
        if (failure is not null) return failure.Message;
        await MarkConnectedAsync(consumerId, role, cancellationToken);
        return null;
    }

    public async Task ConnectAsync(string consumerId, ConnectorRole role, string connector, string accessToken, string? refreshToken,
        DateTime? expiresAt, string? scope, CancellationToken cancellationToken)
    {
        await connections.SaveAsync(consumerId, StoreRole(role), connector, accessToken, refreshToken, expiresAt, scope, cancellationToken);
        await MarkConnectedAsync(consumerId, role, cancellationToken);
    }

    private async Task MarkConnectedAsync(string consumerId, ConnectorRole role, CancellationToken cancellationToken)
    {
        var connected = await consumers.SetConnectionStatusAsync(consumerId, role, ConnectionStatus.Active, cancellationToken);
        await issues.ResolveAsync(consumerId, role == ConnectorRole.Pos ? OutcomeCodes.PosAuth : OutcomeCodes.AccountingAuth, cancellationToken);
        await issues.ResolveAsync(consumerId, Operations.CredentialRenewal.ReconnectIssue(StoreRole(role)), cancellationToken);
        if (connected is not null) await states.RefreshAsync(consumerId, cancellationToken);
    }

    private static string StoreRole(ConnectorRole role) => role == ConnectorRole.Pos ? ConnectionStore.Pos : ConnectionStore.Accounting;
}
