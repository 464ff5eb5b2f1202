using System.Text;
using System.Text.Json;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Protocol.Signing;

namespace VirtualOperator.Emulator.ControlPlane.Dashboard;

/// <summary>
/// A journalled RPC call handed back as something that makes it again: a <c>curl</c> command, signed here with RPC
/// signature V1 (the emulator's one signer, <see cref="RpcSignatureV1"/>) under the partner's own AccessKey, and the same
/// call through the official Node SDK <c>@alicloud/pop-core</c> at its default settings (GET, signature V1), which the
/// SDK checks already use. Both use the partner's key even when the journalled call used a customer's STS token or
/// another key: a replay as the partner. The curl command carries a fresh timestamp and a single-use nonce, so it works
/// once, within the signature's allowed skew of now.
/// </summary>
public static class CallRecipes
{
    public const string SdkName = "Node.js @alicloud/pop-core (npm), default settings";

    public static CallRecipe Build(JournalEntry call, Partner partner, string baseUrl, DateTimeOffset wallNow)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", call.Action!), new("Version", call.Version!), new("Format", "JSON"), new("AccessKeyId", partner.AccessKeyId),
            new("SignatureMethod", RpcSignatureV1.HmacSha1), new("SignatureVersion", "1.0"),
            new("SignatureNonce", Guid.NewGuid().ToString("N")),
            new("Timestamp", IsoSeconds.Format(wallNow.UtcDateTime)),
        };
        parameters.AddRange((call.Parameters ?? []).Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        var signature = RpcSignatureV1.Sign(RpcSignatureV1.StringToSign("GET", parameters), partner.AccessKeySecret);
        var query = RpcSignatureV1.CanonicalizedQuery(parameters) + "&Signature=" + AcsPercentEncoding.Encode(signature);
        var curl = $"curl -sS '{baseUrl.TrimEnd('/')}/?{query}'";
        return new CallRecipe(call.RequestId, call.Action!, call.Version!, curl, SdkName, PopCore(call, partner, baseUrl));
    }

    private static string PopCore(JournalEntry call, Partner partner, string baseUrl)
    {
        var args = new StringBuilder("{");
        var first = true;
        foreach (var p in call.Parameters ?? [])
        {
            args.Append(first ? "\n" : ",\n").Append("    ").Append(JsonSerializer.Serialize(p.Name)).Append(": ").Append(JsonSerializer.Serialize(p.Value));
            first = false;
        }
        args.Append(first ? "}" : "\n  }");
        return $$"""
            // npm install @alicloud/pop-core
            const RPCClient = require('@alicloud/pop-core');
            const client = new RPCClient({
              accessKeyId: {{JsonSerializer.Serialize(partner.AccessKeyId)}},
              accessKeySecret: {{JsonSerializer.Serialize(partner.AccessKeySecret)}},
              endpoint: {{JsonSerializer.Serialize(baseUrl.TrimEnd('/'))}},
              apiVersion: {{JsonSerializer.Serialize(call.Version)}},
            });
            client.request({{JsonSerializer.Serialize(call.Action)}}, {{args}}).then(r => console.log(JSON.stringify(r, null, 2)), e => console.error(e.code, e.message));
            """;
    }
}

/// <param name="Curl">A signed curl command (works once: single-use nonce, timestamp of when it was made).</param>
/// <param name="Sdk">The same call through <see cref="CallRecipes.SdkName"/>.</param>
public sealed record CallRecipe(string RequestId, string Action, string Version, string Curl, string SdkName, string Sdk);
