using System.Text.Json.Nodes;

namespace PartnerPortal;

/// <summary>
/// What a partner's portal backend does for its customers: open an account, grant spending quota, buy on the customer's
/// behalf, and sign the customer into the Alibaba Cloud console without a password (logon-free, through STS).
/// </summary>
public sealed class PortalBackend(Uri endpoint, string accessKeyId, string accessKeySecret)
{
    private const string Bss = "2017-12-14";
    private readonly HttpClient _http = new() { BaseAddress = endpoint };
    private AcsClient Client => new(_http, accessKeyId, accessKeySecret);

    public async Task<string> CreateCustomerAsync(string email) =>
        (await Client.CallAsync("business.aliyuncs.com", Bss, "CreateAgAccount", new Dictionary<string, string> { ["LoginEmail"] = email }))
        ["AgRelationDto"]!["Pk"]!.ToString();

    public Task GrantQuotaAsync(string customerUid, decimal amount) =>
        Client.CallAsync("business.aliyuncs.com", Bss, "CreateResellerUserQuota", new Dictionary<string, string>
        {
            ["OwnerId"] = customerUid, ["Amount"] = amount.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Currency"] = "CNY",
        });

    public async Task<decimal> AvailableQuotaAsync(string customerUid) =>
        decimal.Parse((await Client.CallAsync("business.aliyuncs.com", Bss, "QueryResellerAvailableQuota",
            new Dictionary<string, string> { ["OwnerId"] = customerUid }))["Data"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Buys a month of a 10 Mbps EIP for the customer; answers the order id.</summary>
    public async Task<string> BuyEipAsync(string customerUid) =>
        (await Client.CallAsync("business.aliyuncs.com", Bss, "CreateInstance", new Dictionary<string, string>
        {
            ["OwnerId"] = customerUid, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = "1",
            ["RenewalStatus"] = "ManualRenewal",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou",
            ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
        }))["Data"]!["OrderId"]!.ToString();

    /// <summary>
    /// The logon-free console URL for the customer: assume its ResellerAdminRole with STS, trade the temporary keys for a
    /// SigninToken, and build the federation Login URL the portal redirects the browser to.
    /// </summary>
    public async Task<Uri> ConsoleSignInUrlAsync(string customerUid, Uri portalLoginUrl, Uri destination)
    {
        var sts = (await Client.CallAsync("sts.aliyuncs.com", "2015-04-01", "AssumeRole", new Dictionary<string, string>
        {
            ["RoleArn"] = $"acs:ram::{customerUid}:role/ResellerAdminRole", ["RoleSessionName"] = "partner-portal",
        }))["Credentials"]!;
        var tokenUrl = "/federation?Action=GetSigninToken&TicketType=mini" +
            $"&AccessKeyId={Uri.EscapeDataString(sts["AccessKeyId"]!.ToString())}" +
            $"&AccessKeySecret={Uri.EscapeDataString(sts["AccessKeySecret"]!.ToString())}" +
            $"&SecurityToken={Uri.EscapeDataString(sts["SecurityToken"]!.ToString())}";
        var token = JsonNode.Parse(await _http.GetStringAsync(tokenUrl))!["SigninToken"]!.ToString();
        return new Uri(_http.BaseAddress!, "/federation?Action=Login" +
            $"&LoginUrl={Uri.EscapeDataString(portalLoginUrl.ToString())}&Destination={Uri.EscapeDataString(destination.ToString())}" +
            $"&SigninToken={Uri.EscapeDataString(token)}");
    }
}
