using PosSync.Domain.Configuration;

namespace PosSync.Domain.Tests;

public class ConnectionFactsTests
{
    [TestCase(false, false, null, ConnectionStatus.Active, TestName = "A file connector needs no credentials and is active")]
    [TestCase(false, false, ConnectionStatus.Pending, ConnectionStatus.Active, TestName = "A file connector is active whatever was recorded")]
    [TestCase(
        true, false, ConnectionStatus.Active, ConnectionStatus.Pending,
        TestName = "An OAuth tool without stored credentials is pending, even if a file said active")]
    [TestCase(true, false, ConnectionStatus.NeedsReconnect, ConnectionStatus.Pending, TestName = "Credentials removed: pending")]
    [TestCase(true, true, null, ConnectionStatus.Active, TestName = "Credentials stored and never refused: active")]
    [TestCase(
        true, true, ConnectionStatus.NeedsReconnect, ConnectionStatus.NeedsReconnect,
        TestName = "Credentials the vendor refused stay needs_reconnect until the client reconnects")]
    [TestCase(true, true, ConnectionStatus.Pending, ConnectionStatus.Active, TestName = "A pending connection with credentials is active")]
    public void A_connections_status_follows_the_recorded_facts(
        bool needsCredentials,
        bool hasCredentials,
        ConnectionStatus? recorded,
        ConnectionStatus expected) =>
        Assert.That(ConnectionFacts.Status(needsCredentials, hasCredentials, recorded), Is.EqualTo(expected));
}
