using System.Security.Cryptography;

namespace VirtualOperator.Emulator.Products.Sts;

/// <summary>Shapes of issued STS values, modelled on the documented samples (AssumeRole response example).</summary>
internal static class StsKeys
{
    public const string AccessKeyPrefix = "STS.";
    private const string Base58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary><c>STS.NT</c> + 26 base58 characters: the length of the documented sample ids.</summary>
    public static string NewAccessKeyId() => AccessKeyPrefix + "NT" + RandomNumberGenerator.GetString(Base58, 26);

    public static string NewSecret() => RandomNumberGenerator.GetString(Base58, 44);

    /// <summary>Real tokens are long opaque base64 starting "CAIS"; only equality matters to a client.</summary>
    public static string NewSecurityToken() => "CAIS" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(240));

    /// <summary>The role id part of <c>AssumedRoleId</c>: 18 digits, stable per customer role.</summary>
    public static string RoleId(string customerUid, string roleName)
    {
        var hash = SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(customerUid + "/" + roleName.ToLowerInvariant()));
        var n = BitConverter.ToUInt64(hash, 0) % 900_000_000_000_000_000UL + 100_000_000_000_000_000UL;
        return n.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
