using System.Net;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Products.Bsn;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Mns;

/// <summary>The flows of the ECS, RDS, pay-as-you-go meter and ICP filing events, over the wire as the partner.</summary>
public sealed partial class EventCatalogTests
{
    private const string EcsVersion = "2014-05-26";

    /// <summary>A new customer of the partner holding <paramref name="quota"/>, with one ECS instance (PostPaid unless <paramref name="more"/> says otherwise).</summary>
    private static async Task<(SalesKit Kit, string InstanceId)> RunEcs(EmulatorApplication app, PartnerKeys p, decimal quota, Dictionary<string, string>? more = null)
    {
        var kit = await SalesKit.CreateAsync(app, quota, partner: p);
        var q = new Dictionary<string, string>
        {
            ["OwnerId"] = kit.Customer, ["RegionId"] = "cn-hangzhou", ["InstanceType"] = "ecs.g7.large",
            ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd", ["InstanceChargeType"] = "PostPaid", ["InternetMaxBandwidthOut"] = "0",
        };
        foreach (var (k, v) in more ?? []) q[k] = v;
        var r = await kit.Client.V3("RunInstances", EcsVersion, q, host: "ecs.aliyuncs.com");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return (kit, r.Json["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString());
    }

    private static async Task EcsCreated(EmulatorApplication app, PartnerKeys p) => await RunEcs(app, p, 1_000m);

    /// <summary>1.00 of credit pays one hour of ecs.g7.large PostPaid (0.54), the second goes unpaid (overdue), and 24 h later it is stopped.</summary>
    private static async Task UnpaidPayAsYouGo(EmulatorApplication app, PartnerKeys p)
    {
        var (kit, _) = await RunEcs(app, p, 1m);
        await kit.AdvanceAsync(TimeSpan.FromHours(30));
    }

    private static async Task RdsCreated(EmulatorApplication app, PartnerKeys p)
    {
        var kit = await SalesKit.CreateAsync(app, 20_000m, partner: p);
        var r = await kit.Client.V3("CreateDBInstance", "2014-08-15", new Dictionary<string, string>
        {
            ["ResourceOwnerId"] = kit.Customer, ["RegionId"] = "cn-hangzhou", ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "MySQL",
            ["EngineVersion"] = "8.0", ["Category"] = "HighAvailability", ["DBInstanceClass"] = "mysql.n2.medium.2c", ["DBInstanceStorage"] = "100",
            ["DBInstanceStorageType"] = "cloud_essd", ["DBInstanceNetType"] = "Intranet", ["SecurityIPList"] = "10.0.0.0/8", ["PayType"] = "Postpaid",
        }, host: "rds.aliyuncs.com");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
    }

    /// <summary>A customer's ICP filing submitted in the console wizard, on a service number bound to its Running ECS instance with a public IP.</summary>
    private static async Task<(PartnerSession Session, string FilingId)> SubmittedFiling(EmulatorApplication app, PartnerKeys p)
    {
        var (kit, vm) = await RunEcs(app, p, 10_000m, new() { ["InternetMaxBandwidthOut"] = "5" });
        var s = new PartnerSession(app, p);
        await s.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        var sn = (await s.BindAsync(kit.Customer, vm))[0];
        var cookie = await s.LogonFreeAsync(kit.Customer);
        Dictionary<string, string>[] steps =
        [
            new() { ["step"] = "1", ["SubjectType"] = "Enterprise", ["SubjectName"] = "Example Trading Ltd", ["CertificateNumber"] = "91330100MA2ABCDE1X" },
            new() { ["step"] = "2", ["Domain"] = "example-trading.cn", ["SiteName"] = "Example Trading" },
            new() { ["step"] = "3", ["ContactName"] = "Li Lei", ["ContactPhone"] = "13800000000", ["ContactEmail"] = "li.lei@example-trading.cn" },
            new() { ["step"] = "4", ["ServiceNumber"] = sn },
        ];
        foreach (var form in steps)
        {
            var page = await s.Page(cookie, "/console/icp", form);
            page.Status.Should().Be(HttpStatusCode.Redirect, page.Html);
        }
        return (s, (await s.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Single()!["filingId"]!.ToString());
    }

    private static async Task IcpSubmitted(EmulatorApplication app, PartnerKeys p) => await SubmittedFiling(app, p);

    /// <summary>Submitted, past the 24 h first check (under review), then approved from the control plane.</summary>
    private static async Task IcpReviewedAndApproved(EmulatorApplication app, PartnerKeys p)
    {
        var (s, id) = await SubmittedFiling(app, p);
        await s.AdvanceClockAsync(TimeSpan.FromHours(25));
        (await s.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/{id}/approve", new { })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static async Task IcpRejected(EmulatorApplication app, PartnerKeys p)
    {
        var (s, id) = await SubmittedFiling(app, p);
        (await s.ControlPost($"/_emulator/partners/{p.Uid}/icp/filings/{id}/reject", new { reason = "The website name does not match the domain." }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
