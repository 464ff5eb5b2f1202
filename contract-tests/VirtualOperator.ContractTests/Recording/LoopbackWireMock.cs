using System.Net;
using System.Net.Sockets;
using WireMock.Server;
using WireMock.Settings;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>WireMock.Net servers bound to 127.0.0.1 only, on a free port (its default listens on every interface).</summary>
public static class LoopbackWireMock
{
    public static WireMockServer Start(WireMockServerSettings? settings = null)
    {
        settings ??= new WireMockServerSettings();
        settings.Urls = [$"http://127.0.0.1:{FreePort()}"];
        settings.StartAdminInterface ??= false;
        return WireMockServer.Start(settings);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
