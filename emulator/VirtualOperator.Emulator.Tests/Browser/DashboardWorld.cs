using System.Net;
using VirtualOperator.Emulator.Tests.Products.Bsn;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Browser;

/// <summary>
/// One partner's world for the dashboard tests, made only by real calls over the wire: two customers with credit; the
/// first with a PostPaid ECS instance with a public IP (so a Bsn number binds to it), a one-month generic (eip)
/// subscription, an ICP filing submitted through the console wizard and a Workorder ticket; the second with a
/// Postpaid RDS instance. The partner's queue holds the events all this recorded.
/// </summary>
public sealed record DashboardWorld(
    PartnerSession Partner, string Customer, string Other, string Ecs, string Subscription, string SubscriptionOrder, string Rds,
    string Filing, string Ticket)
{
    private const string EcsVersion = "2014-05-26";

    public static async Task<DashboardWorld> BuildAsync(EmulatorApplication app)
    {
        var p = await PartnerSession.StartAsync(app, testAccount: false);
        var customer = await p.CreateCustomerAsync();
        var other = await p.CreateCustomerAsync();
        foreach (var c in new[] { customer, other })
            (await p.Signed.V3("CreateResellerUserQuota", PartnerSession.Bss, new Dictionary<string, string>
                { ["OwnerId"] = c, ["Amount"] = "20000", ["Currency"] = "CNY" })).Status.Should().Be(HttpStatusCode.OK);

        var ecs = await Ok(p.Signed.V3("RunInstances", EcsVersion, new Dictionary<string, string>
        {
            ["OwnerId"] = customer, ["RegionId"] = "cn-hangzhou", ["InstanceType"] = "ecs.g7.large",
            ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd", ["InstanceChargeType"] = "PostPaid", ["InternetMaxBandwidthOut"] = "5",
        }, host: "ecs.aliyuncs.com"));
        var ecsId = ecs.Json["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString();

        var sub = await Ok(p.Signed.V3("CreateInstance", PartnerSession.Bss, new Dictionary<string, string>
        {
            ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = "1",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
            ["RenewalStatus"] = "ManualRenewal",
        }));

        var rds = await Ok(p.Signed.V3("CreateDBInstance", "2014-08-15", new Dictionary<string, string>
        {
            ["ResourceOwnerId"] = other, ["RegionId"] = "cn-hangzhou", ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "MySQL",
            ["EngineVersion"] = "8.0", ["Category"] = "HighAvailability", ["DBInstanceClass"] = "mysql.n2.medium.2c", ["DBInstanceStorage"] = "100",
            ["DBInstanceStorageType"] = "cloud_essd", ["DBInstanceNetType"] = "Intranet", ["SecurityIPList"] = "10.0.0.0/8", ["PayType"] = "Postpaid",
        }, host: "rds.aliyuncs.com"));

        // The ECS instance is Running a virtual minute later; then its service number, and the filing through the console wizard.
        await p.AdvanceClockAsync(TimeSpan.FromMinutes(1));
        var sn = (await p.BindAsync(customer, ecsId))[0];
        // The logon-free flow on the real port, hop by hop (the factory's Kestrel client follows redirects whatever it is told).
        using var browser = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = p.Control.BaseAddress };
        var token = await p.SigninTokenAsync(await p.AssumeCustomerRoleAsync(customer));
        var login = await browser.GetAsync("/federation?Action=Login&LoginUrl=" + Uri.EscapeDataString("http://127.0.0.1:9/partner/login") +
            "&Destination=" + Uri.EscapeDataString(new Uri(p.Control.BaseAddress!, "/console/icp").ToString()) + "&SigninToken=" + Uri.EscapeDataString(token));
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("vo_console_session=", StringComparison.Ordinal)).Split(';')[0];
        Dictionary<string, string>[] steps =
        [
            new() { ["step"] = "1", ["SubjectType"] = "Enterprise", ["SubjectName"] = "Example Trading Ltd", ["CertificateNumber"] = "91330100MA2ABCDE1X" },
            new() { ["step"] = "2", ["Domain"] = "example-trading.cn", ["SiteName"] = "Example Trading" },
            new() { ["step"] = "3", ["ContactName"] = "Li Lei", ["ContactPhone"] = "13800000000", ["ContactEmail"] = "li.lei@example-trading.cn" },
            new() { ["step"] = "4", ["ServiceNumber"] = sn },
        ];
        foreach (var form in steps)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, "/console/icp") { Content = new FormUrlEncodedContent(form) };
            post.Headers.Add("Cookie", cookie);
            var answer = await browser.SendAsync(post);
            answer.StatusCode.Should().Be(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        }
        var filing = (await p.ControlGet($"/_emulator/partners/{p.Uid}/icp/filings")).AsArray().Single()!["filingId"]!.ToString();

        // A ticket as pop-core sends Workorder calls (V1 GET, lower-case envelope).
        var ticket = await p.Signed.V1("add", "2016-08-30", new Dictionary<string, string>
            { ["aliUid"] = customer, ["productId"] = "4", ["content"] = "The console is slow." });
        ticket.Status.Should().Be(HttpStatusCode.OK, ticket.Text);

        return new DashboardWorld(p, customer, other, ecsId, sub.Json["Data"]!["InstanceId"]!.ToString(), sub.Json["Data"]!["OrderId"]!.ToString(),
            rds.Json["DBInstanceId"]!.ToString(), filing, ticket.Json["data"]!.ToString());
    }

    private static async Task<ApiResult> Ok(Task<ApiResult> call)
    {
        var r = await call;
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r;
    }
}
