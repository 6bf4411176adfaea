using System.Net;
using System.Net.Sockets;

namespace Trading.Data.Embedded;

/// <summary>Loopback TCP ports for the embedded cluster: whether one is free, and a free one.</summary>
internal static class LoopbackPort
{
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
