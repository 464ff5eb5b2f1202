using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// One partner walking through every implemented product over the wire: customers, quotas, STS, logon-free
/// console with an ICP draft, identity verification, catalog and prices, instances, resource packages, orders,
/// bill subscriptions, and a month of virtual time (auto-renewal that can't be paid, then cancelled). Every
/// successful RPC answer is kept, one per action, so the acceptance tests can look at the state it leaves and
/// at the shape of every answer.
/// </summary>
public sealed class ProductTour
{
    public const string Bss = "2017-12-14";
    private const string Aas = "2015-07-01";
    private const string Crm = "2015-04-08";

    private readonly PartnerSession _p;
    private readonly Dictionary<string, JsonObject> _answers = new(StringComparer.Ordinal);

    private readonly Products.Bsn.TestInstances _instances;

    private ProductTour(PartnerSession p, Products.Bsn.TestInstances instances)
    {
        _p = p;
        _instances = instances;
    }

    public string PartnerUid => _p.Uid;
    public PartnerSession Session => _p;

    /// <summary>The first successful answer of each RPC action, keyed "Version/Action".</summary>
    public IReadOnlyDictionary<string, JsonObject> Answers => _answers;

    /// <summary>The parameters of the first successful call of each RPC action, keyed like <see cref="Answers"/>.</summary>
    public IReadOnlyDictionary<string, TourCall> Calls => _calls;
    private readonly Dictionary<string, TourCall> _calls = new(StringComparer.Ordinal);

    /// <summary>The GetSigninToken JSON answer (a federation route, not an RPC action).</summary>
    public JsonObject? SigninTokenAnswer { get; private set; }

    public static async Task<ProductTour> RunAsync(EmulatorApplication app, Products.Bsn.TestInstances instances)
    {
        // Not a test account: the tour moves the clock past the one-month validity of a test account.
        var tour = new ProductTour(await PartnerSession.StartAsync(app, testAccount: false), instances);
        await tour.WalkAsync();
        return tour;
    }

    private async Task WalkAsync()
    {
        // Accounts
        var c1 = (await Ok("CreateAgAccount", new() { ["LoginEmail"] = Email(), ["AccountAttr"] = "Personal", ["NationCode"] = "cn" }))["AgRelationDto"]!["Pk"]!.ToString();
        var c2 = (await Ok("CreateAgAccount", new() { ["LoginEmail"] = Email() }))["AgRelationDto"]!["Pk"]!.ToString();
        await Ok("GetCustomerAccountInfo", new() { ["OwnerId"] = c1 });
        await Ok("GetCustomerList");

        // Budget
        await Ok("CreateResellerUserQuota", new() { ["OwnerId"] = c1, ["Amount"] = "10000", ["Currency"] = "CNY", ["OutBizId"] = Id() });
        await Ok("SetResellerUserQuota", new() { ["OwnerId"] = c1, ["Amount"] = "20000", ["Currency"] = "CNY", ["OutBizId"] = Id() });
        await Ok("ChangeResellerConsumeAmount", new()
        {
            ["OwnerId"] = c1, ["AdjustType"] = "increase", ["Amount"] = "12.5", ["Currency"] = "CNY",
            ["BusinessType"] = "quota_amount_adjust", ["Source"] = "tour", ["OutBizId"] = Id(),
        });
        await Ok("QueryResellerAvailableQuota", new() { ["OwnerId"] = c1 });
        await Ok("SetResellerUserAlarmThreshold", new() { ["OwnerId"] = c1, ["AlarmType"] = "quota_low_balance", ["AlarmThresholds"] = "[{\"thresholdType\":0,\"thresholdAmount\":19995}]" });
        await Ok("SetResellerUserStatus", new() { ["OwnerId"] = c2, ["BusinessType"] = "FREEZE", ["Status"] = "Freeze" });
        await Ok("SetResellerUserStatus", new() { ["OwnerId"] = c2, ["BusinessType"] = "FREEZE", ["Status"] = "Thaw" });

        // Secure access: STS, logon-free console, an ICP draft
        var sts = await _p.AssumeCustomerRoleAsync(c1);
        _answers.TryAdd(StsKey, (await _p.AssumeRole($"acs:ram::{c1}:role/ResellerAdminRole")).Json);
        _calls.TryAdd(StsKey, new TourCall("2015-04-01", "AssumeRole", "sts.aliyuncs.com", false,
            new() { ["RoleArn"] = $"acs:ram::{c1}:role/ResellerAdminRole", ["RoleSessionName"] = "partner-portal" }));
        var signin = await _p.GetSigninToken(sts);
        var signinText = await signin.Content.ReadAsStringAsync();
        signin.StatusCode.Should().Be(HttpStatusCode.OK, signinText);
        SigninTokenAnswer = JsonNode.Parse(signinText)!.AsObject();
        var cookie = await _p.LogonFreeAsync(c1);
        (await _p.Page(cookie, "/console/icp", new Dictionary<string, string>
            { ["step"] = "1", ["SubjectType"] = "Enterprise", ["SubjectName"] = "Example Ltd", ["CertificateNumber"] = "91330100MA2" }))
            .Status.Should().Be(HttpStatusCode.Redirect);

        // ICP service numbers, on an instance of the tour's own resource directory
        var vm = _instances.Run(_p.Uid, c1);
        var bound = (await BsnOk("ProductBindBsn", new() { ["aliuid"] = c1, ["num"] = "2", ["resourceId"] = vm, ["resourceType"] = "1" }))["datas"]!["bsnDO"]!.AsArray();
        var sn = bound[0]!["sn"]!.ToString();
        await BsnOk("GetBsnByResource", new() { ["aliuid"] = c1, ["resourceId"] = vm, ["resourceType"] = "1" });
        await BsnOk("GetBsnBySn", new() { ["sn"] = sn });
        await BsnOk("GetBsnSySn", new() { ["sn"] = sn });
        await BsnOk("GrantBsnCode", new() { ["Sn"] = bound[1]!["sn"]!.ToString(), ["AliUid"] = c1, ["GrantToAliuid"] = c2, ["Notes"] = "tour" });

        // Identity verification
        await Keep(new TourCall(Aas, "GenerateAliyunBidCertWaysUrl", "aas.aliyuncs.com", false, new() { ["AliyunPk"] = c1, ["BidType"] = "VirtualOperator" }));
        await Keep(new TourCall(Crm, "QueryBidUserCertifiedInfo", "business.aliyuncs.com", true, new() { ["PK"] = c1 }));
        (await _p.ControlPost($"/_emulator/customers/{c1}/identity/complete", new { subjectType = "Individual", name = "Li Lei" }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        await Keep(new TourCall(Crm, "RemoveIdentityCertifiedForBidUser", "business.aliyuncs.com", true, new() { ["PK"] = c1 }));

        // Catalog and prices
        await Ok("QueryProductList", new() { ["PageNum"] = "1", ["PageSize"] = "5" });
        await Ok("DescribePricingModule", new() { ["ProductCode"] = "slb", ["SubscriptionType"] = "Subscription" });
        await Ok("GetSubscriptionPrice", new()
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["OrderType"] = "NewOrder",
            ["ServicePeriodQuantity"] = "1", ["ServicePeriodUnit"] = "Month",
            ["ModuleList.1.ModuleCode"] = "Bandwidth", ["ModuleList.1.Config"] = "Bandwidth:10",
        });
        await Ok("GetPayAsYouGoPrice", new()
        {
            ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo", ["Region"] = "cn-hangzhou",
            ["ModuleList.1.ModuleCode"] = "Bandwidth", ["ModuleList.1.Config"] = "Bandwidth:10", ["ModuleList.1.PriceType"] = "Hour",
        });

        // Sales
        var bought = await Ok("CreateInstance", Buy(c1, "Subscription"));
        var instance = bought["Data"]!["InstanceId"]!.ToString();
        var orderId = bought["Data"]!["OrderId"]!.ToString();
        await Ok("QueryAvailableInstances", new() { ["OwnerId"] = c1 });
        var upgrade = await Ok("ModifyInstance", new()
        {
            ["OwnerId"] = c1, ["InstanceId"] = instance, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["ModifyType"] = "Upgrade",
            ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = "20",
        });
        await Ok("RenewInstance", new() { ["OwnerId"] = c1, ["InstanceId"] = instance, ["ProductCode"] = "eip", ["RenewPeriod"] = "1" });
        await Ok("SetRenewal", new() { ["OwnerId"] = c1, ["InstanceIDs"] = instance, ["ProductCode"] = "eip", ["RenewalStatus"] = "AutoRenewal", ["RenewalPeriod"] = "1", ["RenewalPeriodUnit"] = "M" });
        var payg = (await Ok("CreateInstance", Buy(c1, "PayAsYouGo")))["Data"]!["InstanceId"]!.ToString();
        await Ok("ConvertChargeType", new() { ["OwnerId"] = c1, ["InstanceId"] = payg, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = "1" });

        // Resource packages
        await Ok("DescribeResourcePackageProduct", new() { ["ProductCode"] = "cdn" });
        var package = new Dictionary<string, string>
        {
            ["OwnerId"] = c1, ["ProductCode"] = "cdn", ["PackageType"] = "FPT_cdnpaybag_deadlineAcc_1541405199", ["Specification"] = "100",
            ["Duration"] = "1", ["PricingCycle"] = "Month",
        };
        await Ok("GetResourcePackagePrice", package);
        var bag = (await Ok("CreateResourcePackage", package))["Data"]!["InstanceId"]!.ToString();
        await Ok("QueryResourcePackageInstances", new() { ["OwnerId"] = c1 });
        await Ok("RenewResourcePackage", new() { ["OwnerId"] = c1, ["InstanceId"] = bag, ["Duration"] = "1", ["PricingCycle"] = "Month" });
        await Ok("UpgradeResourcePackage", new() { ["OwnerId"] = c1, ["InstanceId"] = bag, ["Specification"] = "1024" });

        // ECS: a PrePaid and a PostPaid instance, listed, and the PostPaid one released
        await EcsAsync(c1);

        // Orders and bills
        await Ok("QueryOrders", new() { ["OwnerId"] = c1, ["PageSize"] = "100" });
        // The upgrade first: its detail fills OriginalModuleConfig, which a new order leaves empty.
        await Ok("GetOrderDetail", new() { ["OwnerId"] = c1, ["OrderId"] = upgrade["Data"]!["OrderId"]!.ToString() });
        await Ok("GetOrderDetail", new() { ["OwnerId"] = c1, ["OrderId"] = orderId });
        await Ok("SubscribeBillToOSS", new() { ["SubscribeBucket"] = "tour-bills", ["SubscribeType"] = "InstanceDetailMonthly", ["BeginBillingCycle"] = "2026-11" });
        await Ok("SubscribeBillToOSS", new() { ["SubscribeBucket"] = "tour-bills", ["SubscribeType"] = "BillingItemDetailMonthly" });
        await Ok("UnsubscribeBillToOSS", new() { ["SubscribeType"] = "BillingItemDetailMonthly" });

        // The customer's own view, with its STS credentials
        var asCustomer = _p.SignedAs(sts);
        var own = await asCustomer.V3("QueryAvailableInstances", Bss);
        own.Status.Should().Be(HttpStatusCode.OK, own.Text);

        // A month on: the second customer's auto-renewal can't be paid, its unpaid order is cancelled.
        await Ok("CreateResellerUserQuota", new() { ["OwnerId"] = c2, ["Amount"] = "230", ["Currency"] = "CNY" });
        var auto = Buy(c2, "Subscription");
        auto["RenewalStatus"] = "AutoRenewal";
        auto["RenewPeriod"] = "1";
        await Ok("CreateInstance", auto);
        await _p.AdvanceClockAsync(TimeSpan.FromDays(31));
        var unpaid = (await Ok("QueryOrders", new() { ["OwnerId"] = c2, ["PaymentStatus"] = "Unpaid" }))["Data"]!["OrderList"]!["Order"]!.AsArray();
        unpaid.Should().ContainSingle("a month on, the auto-renewal of the second customer could not be paid");
        await Ok("CancelOrder", new() { ["OwnerId"] = c2, ["OrderId"] = unpaid[0]!["OrderId"]!.ToString() });

        (await _p.ControlGet($"/_emulator/partners/{_p.Uid}/messages")).AsArray().Should().NotBeEmpty();
    }

    private Task<JsonObject> BsnOk(string action, Dictionary<string, string> p) =>
        Keep(new TourCall("2015-05-12", action, "bsn.aliyuncs.com", false, p));

    public const string StsKey = "2015-04-01/AssumeRole";
    private const string Ecs = "2014-05-26";

    private async Task EcsAsync(string owner)
    {
        Task<JsonObject> Call(string action, Dictionary<string, string> p)
        {
            p["OwnerId"] = owner;
            p.TryAdd("RegionId", "cn-hangzhou");
            return Keep(new TourCall(Ecs, action, "ecs.aliyuncs.com", false, p));
        }
        var run = new Dictionary<string, string>
        {
            ["InstanceType"] = "ecs.g7.large", ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd", ["InternetMaxBandwidthOut"] = "5",
            ["InternetChargeType"] = "PayByBandwidth", ["InstanceChargeType"] = "PrePaid", ["Period"] = "1", ["PeriodUnit"] = "Month",
            ["InstanceName"] = "tour-web", ["Tag.1.Key"] = "env", ["Tag.1.Value"] = "tour",
        };
        var web = (await Call("RunInstances", run))["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
        var payg = (await Call("RunInstances", new() { ["InstanceType"] = "ecs.c7.large", ["ImageId"] = "ubuntu_22_04_x64_20G_alibase_20240508.vhd" }))
            ["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Call("DescribeInstances", new() { ["InstanceIds"] = $"[\"{web}\"]" });
        await Call("DescribeInstanceStatus", new());
        await Call("DeleteInstance", new() { ["InstanceId"] = payg, ["Force"] = "true" });
    }

    private Task<JsonObject> Ok(string action, Dictionary<string, string>? p = null) =>
        Keep(new TourCall(Bss, action, "business.aliyuncs.com", false, p ?? new Dictionary<string, string>()));

    private async Task<JsonObject> Keep(TourCall call)
    {
        var r = await call.SendAsync(_p.Signed, call.Parameters);
        r.Status.Should().Be(HttpStatusCode.OK, $"{call.Action}: {r.Text}");
        var json = r.Json;
        json["Success"]?.GetValue<bool>().Should().BeTrue($"{call.Action}: {r.Text}");
        _answers.TryAdd(call.Key, json);
        _calls.TryAdd(call.Key, call);
        return json;
    }

    private static Dictionary<string, string> Buy(string owner, string subscriptionType)
    {
        var p = new Dictionary<string, string>
        {
            ["OwnerId"] = owner, ["ProductCode"] = "eip", ["SubscriptionType"] = subscriptionType,
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou",
            ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10", ["RenewalStatus"] = "ManualRenewal",
        };
        if (subscriptionType == "Subscription") p["Period"] = "1";
        return p;
    }

    private static string Email() => $"tour-{Guid.NewGuid():N}@example.com";
    private static string Id() => Guid.NewGuid().ToString("N");
}

/// <summary>One RPC call of the tour, replayable with other parameters (V3 by default, V1 GET for the CRM actions).</summary>
public sealed record TourCall(string Version, string Action, string Host, bool V1, Dictionary<string, string> Parameters)
{
    public string Key => $"{Version}/{Action}";

    public Task<ApiResult> SendAsync(SignedClient client, IDictionary<string, string> parameters) =>
        V1 ? client.V1(Action, Version, parameters) : client.V3(Action, Version, parameters, host: Host);
}
