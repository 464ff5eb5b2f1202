using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace VirtualOperator.Bench;

public sealed record PartnerKeys(string Uid, string AccessKeyId, string Secret);

/// <summary>State the scenarios need, made through the emulator's own surfaces: partners through the control
/// plane, customers through signed <c>CreateAgAccount</c> calls.</summary>
public static class EmulatorSetup
{
    public static async Task<PartnerKeys> CreatePartnerAsync(Uri emulator, bool testAccount)
    {
        using var http = new HttpClient { BaseAddress = emulator };
        var resp = await http.PostAsJsonAsync("/_emulator/partners", new { testAccount });
        resp.EnsureSuccessStatusCode();
        var o = (await resp.Content.ReadFromJsonAsync<JsonObject>())!;
        return new PartnerKeys(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
    }

    public static SignedRequests Signer(Uri emulator, PartnerKeys keys) => new(emulator, keys.AccessKeyId, keys.Secret);

    /// <summary>A CreateAgAccount call with a login e-mail unique to this run and sequence number.</summary>
    public static HttpRequestMessage CreateCustomer(SignedRequests signer, string tag, long n) =>
        signer.V3("CreateAgAccount", [new("LoginEmail", $"c{n}-{tag}@bench.example.com")]);

    /// <summary>A quota change (ChangeResellerConsumeAmount increase of 0.01 CNY) with an OutBizId unique to this run
    /// and sequence number, on one of the given customers in turn.</summary>
    public static HttpRequestMessage ChangeQuota(SignedRequests signer, IReadOnlyList<string> customers, string tag, long n) =>
        signer.V3("ChangeResellerConsumeAmount",
        [
            new("OwnerId", customers[(int)(n % customers.Count)]), new("AdjustType", "increase"), new("Amount", "0.01"),
            new("Currency", "CNY"), new("BusinessType", "quota_amount_adjust"), new("Source", "system"), new("OutBizId", $"{tag}-{n}"),
        ]);

    /// <summary>A CreateInstance that buys one month of a 1 Mbps EIP (a seeded product, 23 CNY) for one of the given
    /// customers in turn: one paid order each, charged to that customer's quota.</summary>
    public static HttpRequestMessage BuyInstance(SignedRequests signer, IReadOnlyList<string> customers, long n, bool autoRenew = false) =>
        signer.V3("CreateInstance",
        [
            new("OwnerId", customers[(int)(n % customers.Count)]), new("ProductCode", "eip"), new("SubscriptionType", "Subscription"),
            new("Period", "1"), new("Parameter.1.Code", "Region"), new("Parameter.1.Value", "cn-hangzhou"),
            new("Parameter.2.Code", "Bandwidth"), new("Parameter.2.Value", "1"),
            .. autoRenew ? new KeyValuePair<string, string>[] { new("RenewalStatus", "AutoRenewal") } : [],
        ]);

    /// <summary>The first page of 20 of the partner's orders (every customer's, newest first).</summary>
    public static HttpRequestMessage OrdersPage(SignedRequests signer) =>
        signer.V3("QueryOrders", [new("PageNum", "1"), new("PageSize", "20")]);

    /// <summary>The first page of 20 of the partner's paid orders (a filtered list: every order is paid, so it lists as many).</summary>
    public static HttpRequestMessage PaidOrdersPage(SignedRequests signer) =>
        signer.V3("QueryOrders", [new("PaymentStatus", "Paid"), new("PageNum", "1"), new("PageSize", "20")]);

    /// <summary>The first page of 20 of one customer's orders (OwnerId: the scope a partner acting for one customer uses).</summary>
    public static Func<SignedRequests, HttpRequestMessage> CustomerOrdersPage(string customerUid) => signer =>
        signer.V3("QueryOrders", [new("OwnerId", customerUid), new("PageNum", "1"), new("PageSize", "20")]);

    /// <summary>A partner's customers, each with a CNY quota ledger, ready for quota changes.</summary>
    public static async Task<IReadOnlyList<string>> CustomersWithQuotaAsync(Uri emulator, PartnerKeys keys, int count, string tag)
    {
        await AddCustomersAsync(emulator, keys, count, tag);
        return await GrantQuotaAsync(emulator, keys);
    }

    /// <summary>Opens a CNY quota of 100,000,000 for every customer the partner has; answers their uids.</summary>
    public static async Task<IReadOnlyList<string>> GrantQuotaAsync(Uri emulator, PartnerKeys keys)
    {
        var signer = Signer(emulator, keys);
        var list = System.Text.Json.Nodes.JsonNode.Parse(await CaptureAsync(signer.V3("GetCustomerList")))!["Data"]!["UidList"]!.AsArray()
            .Select(x => x!.ToString()).ToList();
        foreach (var uid in list)
            await CaptureAsync(signer.V3("CreateResellerUserQuota", [new("OwnerId", uid), new("Amount", "100000000"), new("Currency", "CNY")]));
        return list;
    }

    /// <summary>Runs <paramref name="count"/> calls through the same load loop (8 connections); every one must succeed.</summary>
    public static async Task<LoadResult> RunAllAsync(long count, Func<long, HttpRequestMessage> request)
    {
        var result = await LoadGenerator.RunAsync(Math.Min(8, (int)Math.Max(1, count)), TimeSpan.Zero, TimeSpan.FromHours(1), count, request, CheckSuccess);
        if (result.Errors > 0 || result.Requests != count)
            throw new InvalidOperationException($"{count} calls: {result.Requests} sent, {result.Errors} failed: {result.FirstError}");
        return result;
    }

    /// <summary>Creates <paramref name="count"/> customers through the same load loop (8 connections).</summary>
    public static async Task<LoadResult> AddCustomersAsync(Uri emulator, PartnerKeys keys, long count, string tag)
    {
        var signer = Signer(emulator, keys);
        return await RunAllAsync(count, n => CreateCustomer(signer, tag, n));
    }

    /// <summary>The emulator answers 200 only for success, but a body check costs nothing and catches a stub.</summary>
    public static string? CheckSuccess(HttpResponseMessage resp, byte[] body) =>
        body.AsSpan().IndexOf("\"Success\":true"u8) >= 0 ? null : "not a success body: " + System.Text.Encoding.UTF8.GetString(body);

    public static async Task<byte[]> CaptureAsync(HttpRequestMessage request)
    {
        using var http = new HttpClient();
        using var resp = await http.SendAsync(request);
        var body = await resp.Content.ReadAsByteArrayAsync();
        if (!resp.IsSuccessStatusCode) throw new InvalidOperationException($"{request.RequestUri}: {(int)resp.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        return body;
    }
}
