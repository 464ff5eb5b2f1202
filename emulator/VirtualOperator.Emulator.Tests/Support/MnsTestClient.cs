using System.Net;
using System.Xml.Linq;
using Microsoft.AspNetCore.Mvc.Testing;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.Tests.Support;

/// <summary>Signed MNS queue calls as a partner (the signer itself is pinned by the known-answer vectors).</summary>
public sealed class MnsTestClient(WebApplicationFactory<Program> app, PartnerKeys partner)
{
    public string Queue => $"/queues/vo-messages-{partner.Uid}/messages";

    public async Task<(HttpStatusCode Status, XElement? Root)> SendAsync(HttpMethod method, string resource)
    {
        var date = DateTimeOffset.UtcNow.ToString("r");
        var md5 = method == HttpMethod.Get ? "" : MnsSignature.ContentMd5([]);
        var type = method == HttpMethod.Get ? "" : "text/xml";
        var headers = new Dictionary<string, string> { ["x-mns-version"] = "2015-06-06" };
        var signature = MnsSignature.Sign(MnsSignature.StringToSign(method.Method, md5, type, date, headers, resource), partner.Secret);
        using var req = new HttpRequestMessage(method, resource);
        req.Headers.TryAddWithoutValidation("Date", date);
        req.Headers.TryAddWithoutValidation("x-mns-version", "2015-06-06");
        req.Headers.TryAddWithoutValidation("Authorization", $"MNS {partner.AccessKeyId}:{signature}");
        if (method != HttpMethod.Get)
        {
            req.Content = new ByteArrayContent([]);
            req.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            req.Content.Headers.TryAddWithoutValidation("Content-MD5", md5);
        }
        using var resp = await app.CreateClient().SendAsync(req);
        var text = await resp.Content.ReadAsStringAsync();
        return (resp.StatusCode, text.Length == 0 ? null : XDocument.Parse(text).Root);
    }

    /// <summary>Receives (and deletes) everything visible now, in queue order.</summary>
    public async Task<IReadOnlyList<XElement>> DrainAsync()
    {
        var all = new List<XElement>();
        while (true)
        {
            var (status, root) = await SendAsync(HttpMethod.Get, Queue + "?numOfMessages=16");
            if (status == HttpStatusCode.NotFound) return all;
            status.Should().Be(HttpStatusCode.OK, root?.ToString());
            foreach (var m in root!.Elements().Where(e => e.Name.LocalName == "Message"))
            {
                all.Add(m);
                (await SendAsync(HttpMethod.Delete, Queue + "?ReceiptHandle=" + Field(m, "ReceiptHandle"))).Status.Should().Be(HttpStatusCode.NoContent);
            }
        }
    }

    public static string Field(XElement root, string name) => root.Elements().Single(e => e.Name.LocalName == name).Value;
}
