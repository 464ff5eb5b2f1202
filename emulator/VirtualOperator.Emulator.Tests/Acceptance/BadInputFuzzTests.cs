using System.Net;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using VirtualOperator.Emulator.Protocol.Dispatch;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// Every implemented action, starting from parameters that succeed, with one parameter at a time replaced by a
/// bad value or left out: the answer is always a success or the real error envelope, never a 500, never an
/// empty or HTML body, in JSON and in XML.
/// </summary>
public sealed class BadInputFuzzTests(TourFixture f) : IClassFixture<TourFixture>
{
    private static readonly ActionCatalog Catalog = ActionCatalog.Load(ActionCatalog.DefaultPath());

    private static readonly string[] BadValues =
    [
        " ", "abc", "-1", "0", "999999", "2147483647", "9223372036854775807", "1.5", "1e5", "-0", "99999999999999999999999999", "-99999999999999999999", "NaN", "true",
        "１２３", "😀中文ﾃｽﾄ", "\u0001\u0002\u001f", "<x>&amp;\"'", "[", "{\"a\":1}", "[{\"thresholdType\":\"x\"}]",
        "2026-13-45T99:99:99Z", "eip,eip,,", new string('9', 5000), new string('a', 20_000),
    ];

    private static readonly string[] V3Values = ["😀中文ﾃｽﾄ", "\u0001\u007f", "a&b=c%20+", new string('9', 5000)];

    [Fact]
    public async Task EveryActionWithOneBadOrMissingParameter_AnswersAnEnvelope_NeverA500()
    {
        var client = f.Second.Session.Signed;
        var failures = new List<string>();
        foreach (var (key, call) in f.Second.Calls.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            var names = Catalog.FindRpc(call.Version, call.Action)!.Parameters.Select(p => p.Name)
                .Concat(call.Parameters.Keys).Distinct().ToList();
            foreach (var name in names)
            {
                var without = new Dictionary<string, string>(call.Parameters);
                without.Remove(name);
                await Check(client, call, without, "xml", $"{key} without {name}", failures);
                foreach (var bad in BadValues)
                {
                    var p = new Dictionary<string, string>(call.Parameters) { [name] = bad };
                    await Check(client, call, p, "JSON", $"{key} {name}={Show(bad)}", failures);
                }
                var xml = new Dictionary<string, string>(call.Parameters) { [name] = "\u0001<&>\u0002" };
                await Check(client, call, xml, "XML", $"{key} {name}=control characters (XML)", failures);
                foreach (var bad in V3Values)
                {
                    // V3 carries the parameters in the signed query string.
                    var p = new Dictionary<string, string>(call.Parameters) { [name] = bad };
                    var r = await client.V3(call.Action, call.Version, p, host: call.Host);
                    if (EnvelopeProblem(r, "JSON") is { } problem) failures.Add($"{key} V3 {name}={Show(bad)}: {problem}");
                }
            }
        }
        failures.Should().BeEmpty(string.Join("\n", failures));
    }

    private static async Task Check(SignedClient client, TourCall call, Dictionary<string, string> p, string format, string what, List<string> failures)
    {
        var r = await client.V1(call.Action, call.Version, p, HttpMethod.Post, format: format);
        var problem = EnvelopeProblem(r, format);
        if (problem is not null) failures.Add($"{what}: {problem}");
    }

    /// <summary>null when the answer is a well-formed success or error envelope in the requested format.</summary>
    internal static string? EnvelopeProblem(ApiResult r, string format)
    {
        if ((int)r.Status >= 500) return $"HTTP {(int)r.Status} {Trim(r.Text)}";
        if (string.IsNullOrWhiteSpace(r.Text)) return $"HTTP {(int)r.Status} with an empty body";
        var error = (int)r.Status >= 400;
        if (format.Equals("xml", StringComparison.OrdinalIgnoreCase))
        {
            if (!r.ContentType.StartsWith("text/xml", StringComparison.Ordinal)) return $"content type {r.ContentType}";
            XElement root;
            try { root = XElement.Parse(r.Text); }
            catch (System.Xml.XmlException e) { return $"not XML ({e.Message}): {Trim(r.Text)}"; }
            if (root.Element("RequestId") is null) return "no RequestId";
            if (error && (root.Name != "Error" || root.Element("Code") is null)) return $"error without the envelope: {Trim(r.Text)}";
            return null;
        }
        if (!r.ContentType.StartsWith("application/json", StringComparison.Ordinal)) return $"content type {r.ContentType}";
        JsonObject json;
        try { json = JsonNode.Parse(r.Text)!.AsObject(); }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException) { return $"not JSON: {Trim(r.Text)}"; }
        if (json["RequestId"] is null) return "no RequestId";
        if (error && (json["Code"] is null || json["Message"] is null || json["HostId"] is null)) return $"error without the envelope: {Trim(r.Text)}";
        return null;
    }

    private static string Show(string v) => v.Length > 20 ? $"<{v.Length} chars>" : v;
    private static string Trim(string t) => t.Length > 300 ? t[..300] : t;
}
