using System.Security.Cryptography;
using System.Text;

namespace VirtualOperator.ContractTests.Client;

/// <summary>
/// Signature V1 (RPC, HMAC-SHA1 or HMAC-SHA256): every parameter except <c>Signature</c>, sorted and encoded,
/// then <c>METHOD&amp;%2F&amp;encode(query)</c> keyed with <c>secret + "&amp;"</c>, Base64.
/// </summary>
public static class RpcV1Signer
{
    public static string StringToSign(string httpMethod, IEnumerable<KeyValuePair<string, string>> parameters) =>
        httpMethod.ToUpperInvariant() + "&" + AcsPercent.Encode("/") + "&" +
        AcsPercent.Encode(AcsPercent.CanonicalQuery(parameters.Where(p => p.Key != "Signature")));

    public static string Sign(string stringToSign, string accessKeySecret, string signatureMethod = "HMAC-SHA1")
    {
        var key = Encoding.UTF8.GetBytes(accessKeySecret + "&");
        var data = Encoding.UTF8.GetBytes(stringToSign);
        var mac = signatureMethod switch
        {
            "HMAC-SHA1" => HMACSHA1.HashData(key, data),
            "HMAC-SHA256" => HMACSHA256.HashData(key, data),
            _ => throw new ArgumentException($"Unknown SignatureMethod \"{signatureMethod}\".", nameof(signatureMethod)),
        };
        return Convert.ToBase64String(mac);
    }
}
