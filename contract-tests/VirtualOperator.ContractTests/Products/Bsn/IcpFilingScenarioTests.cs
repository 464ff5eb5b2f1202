using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;
using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.Products.Bsn;

/// <summary>
/// The overview's case over the wire (docs/icp-filing.md): a partner sells an ECS instance, binds a service number,
/// signs the customer in logon-free, the 1-hour session expires mid-filing, the customer signs in again and submits;
/// QA approves or rejects the filing from the control plane.
/// </summary>
public sealed class IcpFilingScenarioTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private const string Why = "moves the partner's clock and decides the filing through the control plane";

    private HttpClient Browser => fx.Target.Kind == TargetKind.Url
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = fx.ControlPlane.Http.BaseAddress }
        : fx.ControlPlane.Http;

    private sealed record Customer(PartnerSession Partner, string Uid, string RoleArn, string Sn);

    /// <summary>A customer with credit, a Running ECS instance with a public IP and one service number bound to it.</summary>
    private async Task<Customer> CustomerWithServiceNumberAsync()
    {
        var partner = await fx.NewPartnerAsync();
        var (uid, arn) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        await partner.Client.CallAsync("BssOpenApi", "2017-12-14", "CreateResellerUserQuota", new Dictionary<string, string>
            { ["OwnerId"] = uid, ["Amount"] = "1000", ["Currency"] = "CNY", ["OutBizId"] = "icp-" + uid });
        var run = await partner.Client.CallAsync("Ecs", "2014-05-26", "RunInstances", new Dictionary<string, string>
        {
            ["RegionId"] = "cn-hangzhou", ["InstanceType"] = "ecs.g7.large", ["ImageId"] = "aliyun_3_x64_20G_alibase_20240528.vhd",
            ["InstanceChargeType"] = "PostPaid", ["InternetMaxBandwidthOut"] = "5", ["OwnerId"] = uid,
        });
        var instance = run.Json["InstanceIdSets"]!["InstanceIdSet"]![0]!.GetValue<string>();
        await fx.ControlPlane.AdvanceClockAsync(partner.Uid, TimeSpan.FromSeconds(10)); // Pending, Starting, Running
        var bound = await BsnTests.Call(partner.Client, "ProductBindBsn", new()
            { ["Aliuid"] = uid, ["Num"] = "1", ["ResourceId"] = instance, ["ResourceType"] = "1" });
        return new Customer(partner, uid, arn, bound.Json["datas"]!["bsnDO"]![0]!["sn"]!.GetValue<string>());
    }

    private async Task<string> LogonFreeAsync(Customer c)
    {
        var sts = (await c.Partner.Client.AssumeRoleAsync(c.RoleArn)).StsCredentials();
        var t = await Browser.GetAsync("/federation?Action=GetSigninToken&TicketType=mini" +
            $"&AccessKeyId={Uri.EscapeDataString(sts.AccessKeyId)}&AccessKeySecret={Uri.EscapeDataString(sts.AccessKeySecret)}" +
            $"&SecurityToken={Uri.EscapeDataString(sts.SecurityToken!)}");
        var token = JsonNode.Parse(await t.Content.ReadAsStringAsync())!["SigninToken"]!.GetValue<string>();
        var icp = new Uri(fx.ControlPlane.Http.BaseAddress!, "/console/icp").ToString();
        var login = await Browser.GetAsync($"/federation?Action=Login&LoginUrl={Uri.EscapeDataString("http://127.0.0.1:9/partner/login")}" +
            $"&Destination={Uri.EscapeDataString(icp)}&SigninToken={Uri.EscapeDataString(token)}");
        login.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return login.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private async Task<(HttpStatusCode Status, string Html)> Post(string cookie, Dictionary<string, string> form)
    {
        var r = await Browser.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/console/icp")
            { Headers = { { "Cookie", cookie } }, Content = new FormUrlEncodedContent(form) });
        return (r.StatusCode, await r.Content.ReadAsStringAsync());
    }

    private async Task<string> Get(string cookie, string path) =>
        await (await Browser.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie } } })).Content.ReadAsStringAsync();

    private static readonly Dictionary<string, string>[] Steps =
    [
        new() { ["step"] = "1", ["SubjectType"] = "Individual", ["SubjectName"] = "Wang Fang", ["CertificateNumber"] = "110101199001011234" },
        new() { ["step"] = "2", ["Domain"] = "wang-fang.cn", ["SiteName"] = "Wang Fang" },
        new() { ["step"] = "3", ["ContactName"] = "Wang Fang", ["ContactPhone"] = "13900000000", ["ContactEmail"] = "w@wang-fang.cn" },
    ];

    private async Task<int> NumberStatusAsync(Customer c) =>
        (await BsnTests.Call(c.Partner.Client, "GetBsnBySn", new() { ["Sn"] = c.Sn })).Json["status"]!.GetValue<int>();

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task SessionExpiresMidFiling_NewLogonCompletesIt_ApprovedFilingFilesTheNumber()
    {
        var c = await CustomerWithServiceNumberAsync();
        var cookie = await LogonFreeAsync(c);
        foreach (var form in Steps.Take(2)) (await Post(cookie, form)).Status.Should().Be(HttpStatusCode.Redirect);
        await fx.ControlPlane.AdvanceClockAsync(c.Partner.Uid, TimeSpan.FromMinutes(61));

        var expired = await Post(cookie, Steps[2]);
        expired.Status.Should().Be(HttpStatusCode.Unauthorized);
        expired.Html.Should().Contain("Login expired").And.Contain("http://127.0.0.1:9/partner/login");
        (await NumberStatusAsync(c)).Should().Be(1, "the number stays bound");

        var again = await LogonFreeAsync(c);
        (await Get(again, "/console/icp")).Should().Contain("data-step=\"3\"");
        (await Post(again, Steps[2])).Status.Should().Be(HttpStatusCode.Redirect);
        (await Post(again, new() { ["step"] = "4", ["ServiceNumber"] = c.Sn })).Status.Should().Be(HttpStatusCode.Redirect);
        (await NumberStatusAsync(c)).Should().Be(4);

        var filings = (JsonArray)JsonNode.Parse(await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{c.Partner.Uid}/icp/filings"))!;
        var id = filings.Single()!["filingId"]!.GetValue<string>();
        var approved = await fx.ControlPlane.PostAsync($"/_emulator/partners/{c.Partner.Uid}/icp/filings/{id}/approve", new { });
        approved["status"]!.GetValue<string>().Should().Be("Approved");
        var one = (await BsnTests.Call(c.Partner.Client, "GetBsnBySn", new() { ["Sn"] = c.Sn })).Json;
        one["status"]!.GetValue<int>().Should().Be(2);
        one["beianNum"]!.GetValue<string>().Should().Be(approved["beianNum"]!.GetValue<string>());
        (await Get(again, "/console/icp")).Should().Contain("data-status=\"Approved\"");
    }

    [ContractFact, EmulatorOnly(Why), Cost(Cost.Free)]
    public async Task RejectedFiling_ReasonShown_NumberBoundAgain_ResubmittedAsANewFiling()
    {
        var c = await CustomerWithServiceNumberAsync();
        var cookie = await LogonFreeAsync(c);
        foreach (var form in Steps) (await Post(cookie, form)).Status.Should().Be(HttpStatusCode.Redirect);
        (await Post(cookie, new() { ["step"] = "4", ["ServiceNumber"] = c.Sn })).Status.Should().Be(HttpStatusCode.Redirect);
        var id = ((JsonArray)JsonNode.Parse(await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{c.Partner.Uid}/icp/filings"))!)
            .Single()!["filingId"]!.GetValue<string>();
        await fx.ControlPlane.PostAsync($"/_emulator/partners/{c.Partner.Uid}/icp/filings/{id}/reject", new { reason = "The certificate number is unreadable." });

        (await Get(cookie, "/console/icp")).Should().Contain("The certificate number is unreadable.");
        (await NumberStatusAsync(c)).Should().Be(1);
        (await Post(cookie, Steps[0])).Status.Should().Be(HttpStatusCode.Redirect);
        (await Post(cookie, new() { ["step"] = "4", ["ServiceNumber"] = c.Sn })).Status.Should().Be(HttpStatusCode.Redirect);
        var filings = (JsonArray)JsonNode.Parse(await fx.ControlPlane.Http.GetStringAsync($"/_emulator/partners/{c.Partner.Uid}/icp/filings"))!;
        filings.Select(f => f!["status"]!.GetValue<string>()).Should().Equal("Rejected", "Submitted");
    }
}
