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
    private const string Wo = "2016-08-30";

    private readonly PartnerSession _p;
    private readonly Dictionary<string, JsonObject> _answers = new(StringComparer.Ordinal);

    private readonly Products.Bsn.TestInstances? _instances;

    private ProductTour(PartnerSession p, Products.Bsn.TestInstances? instances)
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

    /// <param name="instances">A test resource directory to bind ICP service numbers to; without one, a real ECS instance.</param>
    public static async Task<ProductTour> RunAsync(EmulatorApplication app, Products.Bsn.TestInstances? instances = null)
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

        // ICP service numbers, on an instance of the tour's own resource directory, or on a real ECS instance with a public IP
        var vm = _instances?.Run(_p.Uid, c1) ?? await RunningEcsInstanceAsync(c1);
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

        // Orders and bills
        await Ok("QueryOrders", new() { ["OwnerId"] = c1, ["PageSize"] = "100" });
        // The upgrade first: its detail fills OriginalModuleConfig, which a new order leaves empty.
        await Ok("GetOrderDetail", new() { ["OwnerId"] = c1, ["OrderId"] = upgrade["Data"]!["OrderId"]!.ToString() });
        await Ok("GetOrderDetail", new() { ["OwnerId"] = c1, ["OrderId"] = orderId });
        await Ok("SubscribeBillToOSS", new() { ["SubscribeBucket"] = "tour-bills", ["SubscribeType"] = "InstanceDetailMonthly", ["BeginBillingCycle"] = "2026-11" });
        await Ok("SubscribeBillToOSS", new() { ["SubscribeBucket"] = "tour-bills", ["SubscribeType"] = "BillingItemDetailMonthly" });
        await Ok("UnsubscribeBillToOSS", new() { ["SubscribeType"] = "BillingItemDetailMonthly" });

        // RDS (issue 15): buy, read-only, renew, resize, backups and policies, proxy, restores, release
        await WalkRdsAsync(c1);

        // The customer's own view, with its STS credentials
        var asCustomer = _p.SignedAs(sts);
        var own = await asCustomer.V3("QueryAvailableInstances", Bss);
        own.Status.Should().Be(HttpStatusCode.OK, own.Text);

        // ECS: inventory, prices, PrePaid and PostPaid instances through their life, reserved instances, arrears (30 virtual hours)
        await EcsAsync(c1);

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

        // A ticket with an attachment, support's answer, the partner's reply (Workorder as pop-core sends it: V1 GET).
        var grant = (await Ticket("getOSSTempAuthor", new()))["data"]!;
        var key = grant["dir"]!.ToString() + "screen.png";
        using (var form = new MultipartFormDataContent
        {
            { new StringContent(key), "key" }, { new StringContent(grant["policy"]!.ToString()), "policy" },
            { new StringContent(grant["accessId"]!.ToString()), "OSSAccessKeyId" }, { new StringContent(grant["signature"]!.ToString()), "Signature" },
            { new ByteArrayContent([1, 2, 3]), "file", "screen.png" },
        })
            (await _p.Control.PostAsync(new Uri(grant["host"]!.ToString()).AbsolutePath, form)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var ticket = (await Ticket("add", new() { ["aliUid"] = c1, ["productId"] = "4", ["content"] = "The console is slow.", ["attachments"] = key }))["data"]!.ToString();
        await _p.ControlPost($"/_emulator/partners/{_p.Uid}/tickets/{ticket}/reply", new { content = "Which region?" });
        await Ticket("QuestionReply", new() { ["QuestionId"] = ticket, ["QuestionContent"] = "cn-hangzhou" });
        await Ticket("QuestionList", new() { ["QuestionStatus"] = "feedback" });
        await Ticket("QuestionListNote", new() { ["QuestionId"] = ticket });
        await Ticket("getAttachTempURL", new() { ["attachId"] = ticket + "-0" });
    }

    /// <summary>A Workorder call whose lower-case envelope (where it has one) says it succeeded.</summary>
    private async Task<JsonObject> Ticket(string action, Dictionary<string, string> p)
    {
        var json = await Keep(new TourCall(Wo, action, "workorder.aliyuncs.com", true, p));
        if (json["code"] is { } code) code.ToString().Should().Be("200", $"{action}: {json.ToJsonString()}");
        return json;
    }

    private async Task WalkRdsAsync(string owner)
    {
        const string region = "cn-hangzhou", zone = "cn-hangzhou-h";
        Dictionary<string, string> Of(params (string Key, string Value)[] p)
        {
            var d = p.ToDictionary(x => x.Key, x => x.Value);
            d["ResourceOwnerId"] = owner;
            return d;
        }
        await Rds("DescribeAvailableZones", Of(("RegionId", region), ("Engine", "MySQL")));
        await Rds("DescribeAvailableClasses", Of(("RegionId", region), ("ZoneId", zone), ("Engine", "MySQL"), ("EngineVersion", "8.0"),
            ("Category", "HighAvailability"), ("DBInstanceStorageType", "cloud_essd")));
        await Rds("DescribeAvailableResource", Of(("RegionId", region), ("ZoneId", zone), ("Engine", "MySQL")));
        var db = (await Rds("CreateDBInstance", Of(("RegionId", region), ("ZoneId", zone), ("Engine", "MySQL"), ("EngineVersion", "8.0"),
            ("DBInstanceClass", "mysql.n2.medium.2c"), ("DBInstanceStorage", "100"), ("DBInstanceStorageType", "cloud_essd"), ("DBInstanceNetType", "Intranet"),
            ("SecurityIPList", "10.0.0.0/8"), ("PayType", "Prepaid"), ("Period", "Month"), ("UsedTime", "1"), ("ClientToken", Id()))))["DBInstanceId"]!.ToString();
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(10));
        await Rds("CreateReadOnlyDBInstance", Of(("DBInstanceId", db), ("RegionId", region), ("ZoneId", zone), ("EngineVersion", "8.0"),
            ("DBInstanceClass", "mysql.n2.medium.1"), ("DBInstanceStorage", "100"), ("PayType", "Postpaid")));
        await Rds("RenewInstance", Of(("DBInstanceId", db), ("Period", "1")));
        await Rds("CreateBackup", Of(("DBInstanceId", db)));
        await Rds("ModifyBackupPolicy", Of(("DBInstanceId", db), ("BackupRetentionPeriod", "14"), ("PreferredBackupTime", "02:00Z-03:00Z"), ("PreferredBackupPeriod", "Monday,Thursday")));
        await Rds("DescribeBackupPolicy", Of(("DBInstanceId", db)));
        await Rds("ModifySQLCollectorPolicy", Of(("DBInstanceId", db), ("SQLCollectorStatus", "Enable")));
        await Rds("DescribeSQLCollectorPolicy", Of(("DBInstanceId", db)));
        await Rds("ModifyDBProxy", Of(("DBInstanceId", db), ("ConfigDBProxyService", "Startup")));
        await Rds("ModifyDBProxyInstance", Of(("DBInstanceId", db), ("DBProxyInstanceType", "common"), ("DBProxyInstanceNum", "2"), ("EffectiveTime", "Immediate")));
        await Rds("DescribeDBProxy", Of(("DBInstanceId", db)));
        await Rds("ModifyDBInstanceSpec", Of(("DBInstanceId", db), ("DBInstanceClass", "mysql.n2.large.2c")));
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(15));
        var backup = (await Rds("DescribeBackups", Of(("DBInstanceId", db))))["Items"]!["Backup"]![0]!["BackupId"]!.ToString();
        await Rds("DescribeDBInstances", Of(("RegionId", region), ("DBInstanceId", db)));
        await Rds("DescribeDBInstanceAttribute", Of(("DBInstanceId", db)));
        await Rds("ModifyInstanceCrossBackupPolicy", Of(("DBInstanceId", db), ("RegionId", region), ("BackupEnabled", "1"), ("CrossBackupRegion", "cn-shanghai"), ("Retention", "7")));
        var clone = (await Rds("CloneDBInstance", Of(("DBInstanceId", db), ("BackupId", backup), ("PayType", "Postpaid"))))["DBInstanceId"]!.ToString();
        await Rds("RecoveryDBInstance", Of(("BackupId", backup), ("DbNames", "shop"), ("PayType", "Postpaid")));
        await Rds("RestoreTable", Of(("DBInstanceId", db), ("BackupId", backup), ("TableMeta", "[{\"type\":\"db\",\"name\":\"shop\",\"newname\":\"shop_r\",\"tables\":[]}]")));
        await Rds("CreateDdrInstance", Of(("RegionId", "cn-shanghai"), ("Engine", "MySQL"), ("EngineVersion", "8.0"), ("DBInstanceNetType", "Intranet"),
            ("SecurityIPList", "10.0.0.0/8"), ("PayType", "Postpaid"), ("RestoreType", "BackupSet"), ("BackupSetId", backup)));
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(15));
        await Rds("DeleteDBInstance", Of(("DBInstanceId", clone)));
    }

    private Task<JsonObject> Rds(string action, Dictionary<string, string> p) =>
        Keep(new TourCall("2014-08-15", action, "rds.aliyuncs.com", false, p));
    private Task<JsonObject> BsnOk(string action, Dictionary<string, string> p) =>
        Keep(new TourCall("2015-05-12", action, "bsn.aliyuncs.com", false, p));

    /// <summary>A PrePaid ECS instance of <paramref name="owner"/> with a public IP, once Running.</summary>
    private async Task<string> RunningEcsInstanceAsync(string owner)
    {
        var run = await Keep(new TourCall(Ecs, "RunInstances", "ecs.aliyuncs.com", false, new()
        {
            ["OwnerId"] = owner, ["RegionId"] = "cn-hangzhou", ["InstanceType"] = "ecs.g7.large", ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd",
            ["InstanceChargeType"] = "PrePaid", ["Period"] = "1", ["PeriodUnit"] = "Month", ["InternetMaxBandwidthOut"] = "1",
            ["InternetChargeType"] = "PayByBandwidth", ["ClientToken"] = Id(),
        }));
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        return run["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
    }

    public const string StsKey = "2015-04-01/AssumeRole";
    private const string Ecs = "2014-05-26";

    private async Task EcsAsync(string owner)
    {
        Task<JsonObject> Call(string action, Dictionary<string, string> p, string? as_ = null)
        {
            p["OwnerId"] = as_ ?? owner;
            p.TryAdd("RegionId", "cn-hangzhou");
            return Keep(new TourCall(Ecs, action, "ecs.aliyuncs.com", false, p));
        }
        await Call("DescribeRegions", new());
        await Call("DescribeZones", new());
        await Call("DescribeAvailableResource", new() { ["DestinationResource"] = "InstanceType", ["InstanceChargeType"] = "PrePaid" });
        var config = new Dictionary<string, string>
        {
            ["InstanceType"] = "ecs.g7.large", ["InternetMaxBandwidthOut"] = "5", ["InternetChargeType"] = "PayByBandwidth",
        };
        await Call("DescribePrice", new(config) { ["PriceUnit"] = "Year", ["Period"] = "1" });
        var run = new Dictionary<string, string>(config)
        {
            ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd", ["InstanceChargeType"] = "PrePaid", ["Period"] = "1", ["PeriodUnit"] = "Month",
            ["InstanceName"] = "tour-web", ["Tag.1.Key"] = "env", ["Tag.1.Value"] = "tour",
        };
        var web = (await Call("RunInstances", run))["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
        var payg = (await Call("RunInstances", new() { ["InstanceType"] = "ecs.c7.large", ["ImageId"] = "ubuntu_22_04_x64_20G_alibase_20240508.vhd" }))
            ["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Call("DescribeInstances", new() { ["InstanceIds"] = $"[\"{web}\"]" });
        await Call("DescribeInstanceStatus", new());
        await Call("RenewInstance", new() { ["InstanceId"] = web, ["Period"] = "1", ["PeriodUnit"] = "Month" });
        await Call("ModifyPrepayInstanceSpec", new() { ["InstanceId"] = web, ["InstanceType"] = "ecs.g7.xlarge" });
        await Call("ModifyInstanceNetworkSpec", new() { ["InstanceId"] = web, ["InternetMaxBandwidthOut"] = "10" });
        await Call("RebootInstance", new() { ["InstanceId"] = payg });
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Call("StopInstance", new() { ["InstanceId"] = payg });
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Call("ModifyInstanceSpec", new() { ["InstanceId"] = payg, ["InstanceType"] = "ecs.c7.xlarge" });
        await Call("StartInstance", new() { ["InstanceId"] = payg });
        await _p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        await Call("DeleteInstance", new() { ["InstanceId"] = payg, ["Force"] = "true" });

        var ri = new Dictionary<string, string>
        {
            ["InstanceType"] = "ecs.g7.xlarge", ["Scope"] = "Zone", ["ZoneId"] = "cn-hangzhou-h", ["InstanceAmount"] = "2",
            ["ReservedInstanceName"] = "tour-ri", ["Tag.1.Key"] = "env", ["Tag.1.Value"] = "tour",
        };
        var riId = (await Call("PurchaseReservedInstancesOffering", ri))["ReservedInstanceIdSets"]!["ReservedInstanceId"]![0]!.ToString();
        await Call("ModifyReservedInstances", new()
        {
            ["ReservedInstanceId.1"] = riId, ["Configuration.1.InstanceType"] = "ecs.g7.2xlarge", ["Configuration.1.InstanceAmount"] = "1",
            ["Configuration.1.Scope"] = "Region",
        });
        await Call("DescribeReservedInstances", new() { ["ReservedInstanceId.1"] = riId });

        // A customer whose credit covers two hours: stopped for arrears a day later, reactivated after a top-up.
        var poor = (await Ok("CreateAgAccount", new() { ["LoginEmail"] = Email() }))["AgRelationDto"]!["Pk"]!.ToString();
        await Ok("CreateResellerUserQuota", new() { ["OwnerId"] = poor, ["Amount"] = "1", ["Currency"] = "CNY" });
        var owing = (await Call("RunInstances", new() { ["InstanceType"] = "ecs.c7.large", ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd" }, poor))
            ["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();
        await _p.AdvanceClockAsync(TimeSpan.FromHours(30));
        await Ok("SetResellerUserQuota", new() { ["OwnerId"] = poor, ["Amount"] = "100", ["Currency"] = "CNY" });
        await Call("ReActivateInstances", new() { ["InstanceId"] = owing }, poor);
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
