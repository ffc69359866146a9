using System.Net;
using System.Net.Sockets;

namespace IvrFunctions.Tests.Infrastructure;

/// <summary>
/// A loopback port held (bound, never listening) for as long as the test needs it: connections to it are refused, and no
/// Azurite started by a concurrent test can take it, as it could take a port merely found free a moment ago.
/// </summary>
public sealed class RefusingPort : IDisposable
{
    readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public RefusingPort()
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public void Dispose() => _socket.Dispose();
}
