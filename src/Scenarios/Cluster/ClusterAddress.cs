// A node's address as the command line writes it, HOST:PORT, and the local address a worker gives the
// others: the one its machine would use to reach the coordinator.
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ModActors.Scenarios.Cluster;

internal sealed record ClusterAddress(string Host, int Port)
{
    /// <summary>Parses HOST:PORT (PORT 1..65535); throws <see cref="FormatException"/> naming the problem.</summary>
    public static ClusterAddress Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw new FormatException($"'{text}' is not HOST:PORT (e.g. 127.0.0.1:4053, port 1..65535)");
        var host = text[..colon].Trim('[', ']');
        if (host.Length == 0 || host.Any(char.IsWhiteSpace))
            throw new FormatException($"'{text}' has no host name");
        return new ClusterAddress(host, port);
    }

    /// <summary>The local address that routes to <paramref name="remote"/> (no packet is sent); loopback for a loopback host.</summary>
    public static string LocalAddressTowards(ClusterAddress remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (remote.Host == "localhost" || (IPAddress.TryParse(remote.Host, out var ip) && IPAddress.IsLoopback(ip)))
            return "127.0.0.1";
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(remote.Host, remote.Port);
            return ((IPEndPoint)probe.LocalEndPoint!).Address.ToString();
        }
        catch (SocketException)
        {
            return Dns.GetHostName();
        }
    }

    public override string ToString() => $"{Host}:{Port.ToString(CultureInfo.InvariantCulture)}";
}
