using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>
/// One fresh partner with one customer and a quota, calling BssOpenApi over the wire as that partner.
/// The quota is granted through the credit ledger directly until the budget actions land on main.
/// </summary>
public sealed class SalesKit
{
    public const string Version = "2017-12-14";
    private readonly WebApplicationFactory<Program> _app;

    private SalesKit(WebApplicationFactory<Program> app, PartnerKeys partner, string customer)
    {
        _app = app;
        Partner = partner;
        Customer = customer;
        Client = new SignedClient(app.CreateClient(), partner.AccessKeyId, partner.Secret);
    }

    public PartnerKeys Partner { get; }

    private static async Task<PartnerKeys> NewPartnerAsync(WebApplicationFactory<Program> app)
    {
        // Not a test account: a test account stops answering one virtual month after its creation.
        var created = await app.CreateClient().PostAsJsonAsync("/_emulator/partners", new { testAccount = false });
        created.EnsureSuccessStatusCode();
        var o = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PartnerKeys(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
    }

    public string Customer { get; }
    public SignedClient Client { get; }

    /// <summary>A new partner with one customer holding <paramref name="quota"/>; or a new customer of <paramref name="partner"/>.</summary>
    public static async Task<SalesKit> CreateAsync(WebApplicationFactory<Program> app, decimal quota = 10_000m, PartnerKeys? partner = null)
    {
        partner ??= await NewPartnerAsync(app);
        var client = new SignedClient(app.CreateClient(), partner.AccessKeyId, partner.Secret);
        var r = await client.V3("CreateAgAccount", Version, new Dictionary<string, string>
        {
            ["LoginEmail"] = $"c{Guid.NewGuid():N}@example.com", ["AccountAttr"] = "Personal",
        });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var kit = new SalesKit(app, partner, r.Json["AgRelationDto"]!["Pk"]!.ToString());
        if (quota > 0) kit.SetQuota(quota);
        return kit;
    }

    public async Task<string> AddCustomerAsync(decimal quota)
    {
        var r = await Client.V3("CreateAgAccount", Version, new Dictionary<string, string> { ["LoginEmail"] = $"c{Guid.NewGuid():N}@example.com" });
        var uid = r.Json["AgRelationDto"]!["Pk"]!.ToString();
        SetQuota(quota, uid);
        return uid;
    }

    /// <summary>A client signed with STS credentials from AssumeRole on the customer's admin role: it acts as that customer.</summary>
    public async Task<SignedClient> AsCustomerAsync(string customer)
    {
        var r = await Client.V3("AssumeRole", "2015-04-01", new Dictionary<string, string>
        {
            ["RoleArn"] = $"acs:ram::{customer}:role/ResellerAdminRole", ["RoleSessionName"] = "sales-tests",
        }, host: "sts.aliyuncs.com");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var c = r.Json["Credentials"]!;
        return new SignedClient(_app.CreateClient(), c["AccessKeyId"]!.ToString(), c["AccessKeySecret"]!.ToString(), c["SecurityToken"]!.ToString());
    }

    public void SetQuota(decimal quota, string? customer = null) =>
        _app.Services.GetRequiredService<CreditLedger>().SetQuota(Partner.Uid, customer ?? Customer, "CNY", quota, DateTimeOffset.UtcNow);

    public decimal Available(string? customer = null) =>
        _app.Services.GetRequiredService<CreditLedger>().Get(customer ?? Customer, "CNY")?.Available ?? 0m;

    /// <summary>Calls as the partner; OwnerId is the kit's customer unless the parameters name another (or "" for none).</summary>
    public Task<ApiResult> Call(string action, IDictionary<string, string>? p = null)
    {
        var all = new Dictionary<string, string>(p ?? new Dictionary<string, string>());
        if (!all.ContainsKey("OwnerId")) all["OwnerId"] = Customer;
        if (all["OwnerId"] == "") all.Remove("OwnerId");
        return Client.V3(action, Version, all);
    }

    public async Task<JsonObject> Ok(string action, IDictionary<string, string>? p = null)
    {
        var r = await Call(action, p);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        return r.Json;
    }

    public async Task<(string InstanceId, string OrderId)> BuyAsync(string product = "eip", int months = 1, string bandwidth = "10",
        string? clientToken = null, string renewal = "ManualRenewal", int? renewPeriod = null)
    {
        var j = await Ok("CreateInstance", Buy(product, months, bandwidth, clientToken, renewal, renewPeriod));
        return (j["Data"]!["InstanceId"]!.ToString(), j["Data"]!["OrderId"]!.ToString());
    }

    public static Dictionary<string, string> Buy(string product = "eip", int months = 1, string bandwidth = "10",
        string? clientToken = null, string renewal = "ManualRenewal", int? renewPeriod = null)
    {
        var p = new Dictionary<string, string>
        {
            ["ProductCode"] = product, ["SubscriptionType"] = "Subscription", ["Period"] = months.ToString(),
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou",
            ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = bandwidth,
            ["RenewalStatus"] = renewal,
        };
        if (clientToken is not null) p["ClientToken"] = clientToken;
        if (renewPeriod is not null) p["RenewPeriod"] = renewPeriod.Value.ToString();
        return p;
    }

    public async Task<JsonArray> OrdersAsync(IDictionary<string, string>? filter = null)
    {
        var p = new Dictionary<string, string>(filter ?? new Dictionary<string, string>()) { ["PageSize"] = "100" };
        return (await Ok("QueryOrders", p))["Data"]!["OrderList"]!["Order"]!.AsArray();
    }

    public async Task<JsonObject?> InstanceAsync(string id)
    {
        var j = await Ok("QueryAvailableInstances", new Dictionary<string, string> { ["InstanceIDs"] = id });
        return j["Data"]!["InstanceList"]!.AsArray().FirstOrDefault()?.AsObject();
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        var r = await _app.CreateClient().PostAsJsonAsync($"/_emulator/partners/{Partner.Uid}/clock/advance", new { seconds = by.TotalSeconds });
        r.EnsureSuccessStatusCode();
    }

    /// <summary>The partner's sales messages, oldest first, as <c>{type, instanceId, orderId}</c> read from each message body.</summary>
    public async Task<JsonArray> EventsAsync()
    {
        var messages = (await _app.CreateClient().GetFromJsonAsync<JsonArray>($"/_emulator/partners/{Partner.Uid}/messages"))!;
        return new JsonArray(messages.Select(m => JsonNode.Parse(m!["messageBody"]!.ToString())!)
            .Where(b => b["Data"]?["ProductCode"] is not null)
            .Select(b => (JsonNode)new JsonObject
            {
                ["type"] = b["EventType"]!.ToString(), ["instanceId"] = b["Data"]!["InstanceId"]?.ToString(),
                ["orderId"] = b["Data"]!["OrderId"]?.ToString(), ["time"] = b["EventTime"]!.ToString(),
            }).ToArray());
    }

    public static decimal Dec(JsonNode? n) => decimal.Parse(n!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
}
