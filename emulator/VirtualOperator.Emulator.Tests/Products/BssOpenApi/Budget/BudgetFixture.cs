using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

/// <summary>
/// One in-process emulator for the budget tests, with one addition: STS credentials acting as a customer can be
/// issued directly (<see cref="TestStsCredentials"/>), since AssumeRole belongs to another product. Everything
/// else goes through the wire exactly as a partner's client would.
/// </summary>
public sealed class BudgetFixture : IDisposable
{
    private readonly EmulatorApplication _root = new();

    public TestStsCredentials Sts { get; } = new();
    public WebApplicationFactory<Program> App { get; }

    public BudgetFixture() =>
        App = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
            s.AddSingleton<ICredentialSource>(sp => Sts.Bind(sp.GetRequiredService<PartnerStore>()))));

    /// <summary>A fresh isolated partner; not a test account by default, so a test may create more than 20 customers.</summary>
    public async Task<BudgetPartner> NewPartnerAsync(bool testAccount = false)
    {
        var resp = await App.CreateClient().PostAsJsonAsync("/_emulator/partners", new { testAccount });
        resp.EnsureSuccessStatusCode();
        var o = (await resp.Content.ReadFromJsonAsync<JsonObject>())!;
        var keys = new PartnerKeys(o["uid"]!.GetValue<string>(), o["accessKeyId"]!.GetValue<string>(), o["accessKeySecret"]!.GetValue<string>());
        return new BudgetPartner(this, keys, new SignedClient(App.CreateClient(), keys.AccessKeyId, keys.Secret));
    }

    public async Task<JsonNode> ControlGetAsync(string path)
    {
        var resp = await App.CreateClient().GetAsync(path);
        resp.EnsureSuccessStatusCode();
        return (await resp.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    public void Dispose()
    {
        App.Dispose();
        _root.Dispose();
    }
}

/// <summary>A partner of the budget tests: its signed client and short-hands for the budget actions.</summary>
public sealed class BudgetPartner(BudgetFixture fixture, PartnerKeys keys, SignedClient client)
{
    public const string Version = "2017-12-14";

    public PartnerKeys Keys => keys;
    public SignedClient Client => client;

    public Task<ApiResult> Call(string action, IDictionary<string, string>? parameters = null) => client.V3(action, Version, parameters);

    public async Task<string> NewCustomerAsync()
    {
        var r = await Call("CreateAgAccount", new Dictionary<string, string>
        {
            ["LoginEmail"] = $"budget-{Guid.NewGuid():N}@example.com", ["NationCode"] = "cn", ["AccountAttr"] = "personal",
        });
        r.Status.Should().Be(System.Net.HttpStatusCode.OK, r.Text);
        return r.Json["AgRelationDto"]!["Pk"]!.ToString();
    }

    /// <summary>A customer with a CNY ledger of <paramref name="quota"/>.</summary>
    public async Task<string> NewCustomerWithQuotaAsync(string quota)
    {
        var customer = await NewCustomerAsync();
        var r = await CreateQuota(customer, quota);
        r.Status.Should().Be(System.Net.HttpStatusCode.OK, r.Text);
        return customer;
    }

    public Task<ApiResult> CreateQuota(string owner, string amount, string currency = "CNY", string? outBizId = null) =>
        Call("CreateResellerUserQuota", With(new() { ["OwnerId"] = owner, ["Amount"] = amount, ["Currency"] = currency }, "OutBizId", outBizId));

    public Task<ApiResult> SetQuota(string owner, string amount, string? currency = "CNY", string? outBizId = null) =>
        Call("SetResellerUserQuota", With(With(new() { ["OwnerId"] = owner, ["Amount"] = amount }, "Currency", currency), "OutBizId", outBizId));

    public Task<ApiResult> Change(string owner, string adjustType, string amount, string? outBizId = null, string currency = "CNY",
        string businessType = "quota_amount_adjust", string source = "budget-tests") =>
        Call("ChangeResellerConsumeAmount", new Dictionary<string, string>
        {
            ["OwnerId"] = owner, ["AdjustType"] = adjustType, ["Amount"] = amount, ["Currency"] = currency,
            ["BusinessType"] = businessType, ["Source"] = source, ["OutBizId"] = outBizId ?? Guid.NewGuid().ToString("N"),
        });

    public Task<ApiResult> Query(string owner, string? itemCodes = null) =>
        Call("QueryResellerAvailableQuota", With(new() { ["OwnerId"] = owner }, "ItemCodes", itemCodes));

    public Task<ApiResult> SetStatus(string owner, string businessType, string status, string? stopMode = null) =>
        Call("SetResellerUserStatus", With(new() { ["OwnerId"] = owner, ["BusinessType"] = businessType, ["Status"] = status }, "StopMode", stopMode));

    public Task<ApiResult> SetAlarm(string owner, string? thresholds, string alarmType = "quota_low_balance") =>
        Call("SetResellerUserAlarmThreshold", With(new() { ["OwnerId"] = owner, ["AlarmType"] = alarmType }, "AlarmThresholds", thresholds));

    /// <summary>The available amount as the API answers it ("100.00").</summary>
    public async Task<string> AvailableAsync(string owner)
    {
        var r = await Query(owner);
        r.Status.Should().Be(System.Net.HttpStatusCode.OK, r.Text);
        return r.Json["Data"]!.GetValue<string>();
    }

    /// <summary>The customer's ledgers and status through the control plane.</summary>
    public Task<JsonNode> LedgerViewAsync(string customer) => fixture.ControlGetAsync($"/_emulator/partners/{keys.Uid}/budget/customers/{customer}");

    public async Task<JsonArray> AlarmsAsync(string customer) =>
        (await fixture.ControlGetAsync($"/_emulator/partners/{keys.Uid}/budget/alarms?customer={customer}")).AsArray();

    /// <summary>A client signing with STS credentials that act as <paramref name="customer"/>.</summary>
    public SignedClient AsCustomer(string customer)
    {
        var (id, secret, token) = fixture.Sts.Issue(keys.Uid, customer);
        return new SignedClient(fixture.App.CreateClient(), id, secret, token);
    }

    private static Dictionary<string, string> With(Dictionary<string, string> p, string name, string? value)
    {
        if (value is not null) p[name] = value;
        return p;
    }
}

/// <summary>STS credentials of a customer's role, issued without AssumeRole (that action belongs to the secure-access product).</summary>
public sealed class TestStsCredentials : ICredentialSource
{
    private readonly ConcurrentDictionary<string, (string PartnerUid, string CustomerUid, string Secret, string Token)> _issued = new();
    private PartnerStore? _partners;

    public TestStsCredentials Bind(PartnerStore partners)
    {
        _partners = partners;
        return this;
    }

    public (string AccessKeyId, string Secret, string Token) Issue(string partnerUid, string customerUid)
    {
        var id = "STS.Budget" + Guid.NewGuid().ToString("N")[..20];
        var secret = Guid.NewGuid().ToString("N");
        var token = "CAES" + Guid.NewGuid().ToString("N");
        _issued[id] = (partnerUid, customerUid, secret, token);
        return (id, secret, token);
    }

    public ResolvedCredential? Find(string accessKeyId) =>
        _issued.TryGetValue(accessKeyId, out var c) && _partners?.Get(c.PartnerUid) is { } partner
            ? new ResolvedCredential(accessKeyId, c.Secret, partner, c.CustomerUid, c.Token)
            : null;
}
