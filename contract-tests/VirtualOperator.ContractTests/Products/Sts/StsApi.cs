using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Products.Sts;

/// <summary>The onboarding calls the secure-access tests share: a customer, its admin role, STS credentials.</summary>
internal static class StsApi
{
    public const string Product = "Sts";
    public const string Version = "2015-04-01";

    public static Task<AcsResponse> AssumeRoleAsync(this AcsClient client, string roleArn, string session = "contract-portal", long? duration = null)
    {
        var p = new Dictionary<string, string> { ["RoleArn"] = roleArn, ["RoleSessionName"] = session };
        if (duration is { } d) p["DurationSeconds"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return client.CallAsync(Product, Version, "AssumeRole", p);
    }

    /// <summary>Creates a customer and answers its uid and admin role ARN.</summary>
    public static async Task<(string Uid, string RoleArn)> CreateCustomerAsync(this AcsClient client, string email)
    {
        var r = (await client.CallAsync("BssOpenApi", "2017-12-14", "CreateAgAccount", new Dictionary<string, string> { ["LoginEmail"] = email })).Json;
        var dto = r["AgRelationDto"]!;
        var uid = dto["Pk"]!.GetValue<string>();
        return (uid, $"acs:ram::{uid}:role/{dto["RamAdminRoleName"]!.GetValue<string>()}");
    }

    public static AcsCredentials StsCredentials(this AcsResponse assumeRole)
    {
        var c = assumeRole.Json["Credentials"]!;
        return new AcsCredentials(c["AccessKeyId"]!.GetValue<string>(), c["AccessKeySecret"]!.GetValue<string>(), c["SecurityToken"]!.GetValue<string>());
    }
}
