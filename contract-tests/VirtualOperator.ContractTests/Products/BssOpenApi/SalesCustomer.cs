using System.Globalization;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>
/// A customer of its own for a sales test, with credit granted by CreateResellerUserQuota, and the calls a
/// sales test makes on its behalf.
/// </summary>
internal sealed class SalesCustomer(AcsClient client, string uid)
{
    public string Uid => uid;
    public AcsClient Client => client;

    /// <summary>A new customer of the partner behind <paramref name="client"/>, holding <paramref name="credit"/> CNY.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Made = new(StringComparer.Ordinal);

    public static async Task<SalesCustomer> CreateAsync(ContractFixture fx, decimal credit, AcsClient? client = null)
    {
        client ??= fx.Client;
        // The n-th customer of this test gets the n-th address: unique within the test and the same on every run, so a
        // recording replays (a random suffix made every replayed CreateAgAccount a miss).
        var n = Made.AddOrUpdate(TestContext.Current?.Id ?? "", 1, (_, k) => k + 1);
        var created = await client.CallAsync("CreateAgAccount", new Dictionary<string, string>
            { ["LoginEmail"] = TestData.ForCurrentTest().Email().Replace("@", $".c{n}@", StringComparison.Ordinal) });
        var uid = created.Json["AgRelationDto"]!["Pk"]!.GetValue<string>();
        if (credit > 0)
            await client.CallAsync("CreateResellerUserQuota", new Dictionary<string, string>
            {
                ["OwnerId"] = uid, ["Amount"] = credit.ToString(CultureInfo.InvariantCulture), ["Currency"] = "CNY",
            });
        return new SalesCustomer(client, uid);
    }

    public Task<AcsResponse> CallAsync(string action, Dictionary<string, string>? parameters = null)
    {
        parameters ??= [];
        parameters.TryAdd("OwnerId", uid);
        return client.CallAsync(action, parameters);
    }

    /// <summary>Buys an EIP subscription of <paramref name="bandwidth"/> Mbps for <paramref name="months"/>: 23 CNY per Mbps and month.</summary>
    public async Task<(string InstanceId, string OrderId)> BuyEipAsync(int months = 1, int bandwidth = 10, string renewal = "ManualRenewal", string? clientToken = null)
    {
        var r = (await CallAsync("CreateInstance", EipPurchase(months, bandwidth, renewal, clientToken))).Json;
        return (r["Data"]!["InstanceId"]!.GetValue<string>(), r["Data"]!["OrderId"]!.GetValue<string>());
    }

    public static Dictionary<string, string> EipPurchase(int months = 1, int bandwidth = 10, string renewal = "ManualRenewal", string? clientToken = null)
    {
        var p = new Dictionary<string, string>
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = Str(months), ["RenewalStatus"] = renewal, ["RenewPeriod"] = "1",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou",
            ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = Str(bandwidth),
        };
        if (clientToken is not null) p["ClientToken"] = clientToken;
        return p;
    }

    public async Task<JsonArray> OrdersAsync(Dictionary<string, string>? filter = null)
    {
        var p = new Dictionary<string, string>(filter ?? []) { ["PageSize"] = "100" };
        return (await CallAsync("QueryOrders", p)).Json["Data"]!["OrderList"]!["Order"]!.AsArray();
    }

    public async Task<JsonObject?> InstanceAsync(string id) =>
        (await CallAsync("QueryAvailableInstances", new() { ["InstanceIDs"] = id })).Json["Data"]!["InstanceList"]!.AsArray().FirstOrDefault()?.AsObject();

    public static decimal Amount(JsonNode? n) => decimal.Parse(n!.ToString(), CultureInfo.InvariantCulture);
    private static string Str(int n) => n.ToString(CultureInfo.InvariantCulture);
}
