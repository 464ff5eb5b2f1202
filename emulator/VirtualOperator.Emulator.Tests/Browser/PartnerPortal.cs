using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// A partner's web portal on its own loopback origin (another port): its backend assumes the customer's role,
/// gets a SigninToken, and its page embeds the emulated console in an iframe through the logon-free Login URL.
/// <c>/relogin</c> is the LoginUrl: the console sends the frame there when the session has expired.
/// </summary>
public sealed class PartnerPortal : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly PartnerSession _partner;
    private readonly string _customerUid;
    private readonly Uri _emulator;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public Uri Origin { get; }
    public string Destination => new Uri(_emulator, "/console/icp").ToString();

    public PartnerPortal(PartnerSession partner, string customerUid, Uri emulator)
    {
        _partner = partner;
        _customerUid = customerUid;
        _emulator = emulator;
        Origin = new Uri($"http://127.0.0.1:{FreePort()}/");
        _listener.Prefixes.Add(Origin.ToString());
        _listener.Start();
        _loop = Task.Run(Serve);
    }

    private async Task Serve()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext ctx;
            try { ctx = await _listener.GetContextAsync(); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            try
            {
                var login = await LoginUrlAsync();
                if (ctx.Request.Url!.AbsolutePath == "/relogin")
                {
                    ctx.Response.Redirect(login);
                }
                else
                {
                    var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Partner portal</title></head>" +
                        "<body style=\"font-family:sans-serif;background:#eef\"><h1>Partner portal (" + WebUtility.HtmlEncode(Origin.Authority) + ")</h1>" +
                        $"<iframe id=\"console\" src=\"{WebUtility.HtmlEncode(login)}\" width=\"1000\" height=\"620\"></iframe></body></html>";
                    var bytes = Encoding.UTF8.GetBytes(html);
                    ctx.Response.ContentType = "text/html; charset=utf-8";
                    await ctx.Response.OutputStream.WriteAsync(bytes);
                }
            }
            catch (Exception e)
            {
                ctx.Response.StatusCode = 500;
                await ctx.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(e.ToString()));
            }
            ctx.Response.Close();
        }
    }

    /// <summary>The partner backend's part of the logon-free flow: AssumeRole, GetSigninToken, build the Login URL.</summary>
    private async Task<string> LoginUrlAsync()
    {
        var sts = await _partner.AssumeCustomerRoleAsync(_customerUid);
        var r = await _partner.GetSigninToken(sts);
        var token = JsonNode.Parse(await r.Content.ReadAsStringAsync())!["SigninToken"]!.ToString();
        return new Uri(_emulator, "/federation").ToString() + "?Action=Login" +
            "&LoginUrl=" + Uri.EscapeDataString(new Uri(Origin, "/relogin").ToString()) +
            "&Destination=" + Uri.EscapeDataString(Destination) +
            "&SigninToken=" + Uri.EscapeDataString(token);
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (ObjectDisposedException) { }
        _listener.Close();
    }
}
