using System.Net;
using System.Net.Sockets;

namespace PosSync.Integration.Tests;

/// <summary>Loopback ports for brokers the tests start themselves, or for a broker that is not there.</summary>
public static class LoopbackPort
{
    /// <summary>A port nothing listens on now: the system picks it, so two tests never pick the same one at once.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
