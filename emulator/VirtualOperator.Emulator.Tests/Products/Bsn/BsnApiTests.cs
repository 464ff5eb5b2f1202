using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Bsn;

/// <summary>Bsn over the wire: service numbers issued, read back, granted and refused with the documented numeric codes.</summary>
public sealed class BsnApiTests(BsnFixture f) : IClassFixture<BsnFixture>
{
    private readonly EmulatorApplication _app = f.App;
    private readonly TestInstances _instances = f.Instances;

    [Fact]
    public async Task ProductBindBsn_PopCoreCapitalizedNames_IssuesBoundNumbersAsDocumentedObjects()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);

        var r = await p.Signed.Pop("ProductBindBsn", new Dictionary<string, string> { ["aliuid"] = c, ["num"] = "3", ["resourceId"] = i, ["resourceType"] = "1" });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json.Select(kv => kv.Key).Should().BeEquivalentTo("requestId", "datas");
        var items = r.Json["datas"]!["bsnDO"]!.AsArray();
        items.Should().HaveCount(3);
        var first = items[0]!.AsObject();
        first.Select(kv => kv.Key).Should().BeEquivalentTo("aliUid", "resourceType", "resourceId", "sn", "status", "beianNum", "opSource");
        first["aliUid"]!.GetValue<long>().Should().Be(long.Parse(c));
        first["status"]!.GetValue<int>().Should().Be(1);
        first["opSource"]!.GetValue<int>().Should().Be(2);
        first["resourceId"]!.ToString().Should().Be(i);

        // The documented lower-camel spelling works too, and GetBsnByResource reads the same numbers back.
        var back = await p.Signed.V1("GetBsnByResource", BsnCalls.Version, new Dictionary<string, string> { ["aliuid"] = c, ["resourceId"] = i, ["resourceType"] = "1" });
        back.Status.Should().Be(HttpStatusCode.OK, back.Text);
        back.Json["datas"]!["bsnDO"]!.AsArray().Select(n => n!["sn"]!.ToString())
            .Should().BeEquivalentTo(items.Select(n => n!["sn"]!.ToString()));
    }

    [Fact]
    public async Task GetBsnBySnAndGetBsnSySn_AnswerOneNumber_UnknownIs406()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var sn = (await p.BindAsync(c, _instances.Run(p.Uid, c)))[0];
        var one = await p.LookUpAsync(sn);
        one.Select(kv => kv.Key).Should().BeEquivalentTo("resourceId", "status", "beianNum", "aliUid", "resourceType");
        one["status"]!.GetValue<int>().Should().Be(1);
        one["beianNum"]!.GetValue<string>().Should().BeEmpty("an unfiled number has an empty beianNum, never null");
        var sy = await p.Signed.Pop("GetBsnSySn", new Dictionary<string, string> { ["sn"] = sn, ["aliuid"] = c });
        sy.Status.Should().Be(HttpStatusCode.OK, sy.Text);
        sy.Json["resourceId"]!.ToString().Should().Be(one["resourceId"]!.ToString());

        var unknown = await p.Signed.Pop("GetBsnBySn", new Dictionary<string, string> { ["sn"] = "NOSUCHNUMBER0000" });
        unknown.Status.Should().Be(HttpStatusCode.BadRequest);
        unknown.Code.Should().Be("406");
        (await p.Signed.Pop("GetBsnBySn", new Dictionary<string, string>())).Code.Should().Be("602");
        var other = await p.CreateCustomerAsync();
        (await p.Signed.Pop("GetBsnSySn", new Dictionary<string, string> { ["sn"] = sn, ["aliuid"] = other })).Code.Should().Be("616");
        // Another partner's numbers do not exist for this one.
        var q = await PartnerSession.StartAsync(_app);
        (await q.Signed.Pop("GetBsnBySn", new Dictionary<string, string> { ["sn"] = sn })).Code.Should().Be("406");
    }

    [Theory]
    [InlineData("num21", "603")]
    [InlineData("num0", "603")]
    [InlineData("noPublicIp", "403")]
    [InlineData("foreignCustomer", "401")]
    [InlineData("notOwner", "412")]
    [InlineData("stopped", "413")]
    [InlineData("released", "402")]
    [InlineData("noSuchInstance", "402")]
    [InlineData("slb", "411")]
    [InlineData("type12", "506")]
    [InlineData("missingAliuid", "602")]
    [InlineData("numNotANumber", "506")]
    // A Long past Int32 passes the catalog's type check; the handler still answers Bsn's code, not the gateway's InvalidParameter.
    [InlineData("numPastInt32", "603")]
    [InlineData("typePastInt32", "506")]
    public async Task ProductBindBsn_Refusals_AnswerTheDocumentedCodeWithHttp400AndIssueNothing(string why, string code)
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        var q = new Dictionary<string, string> { ["aliuid"] = c, ["num"] = "1", ["resourceId"] = i, ["resourceType"] = "1" };
        switch (why)
        {
            case "num21": q["num"] = "21"; break;
            case "num0": q["num"] = "0"; break;
            case "noPublicIp": q["resourceId"] = _instances.Run(p.Uid, c, publicIp: null); break;
            case "foreignCustomer":
                var other = await PartnerSession.StartAsync(_app);
                q["aliuid"] = await other.CreateCustomerAsync();
                break;
            case "notOwner": q["aliuid"] = await p.CreateCustomerAsync(); break;
            case "stopped": _instances.SetStatus(p.Uid, i, "Stopped"); break;
            case "released": _instances.SetStatus(p.Uid, i, "Released"); break;
            case "noSuchInstance": q["resourceId"] = "i-nosuchinstance"; break;
            case "slb": q["resourceType"] = "2"; break;
            case "type12": q["resourceType"] = "12"; break;
            case "missingAliuid": q.Remove("aliuid"); break;
            case "numNotANumber": q["num"] = "many"; break;
            case "numPastInt32": q["num"] = "99999999999"; break;
            case "typePastInt32": q["resourceType"] = "99999999999"; break;
        }
        var r = await p.Signed.Pop("ProductBindBsn", q);
        r.Status.Should().Be(HttpStatusCode.BadRequest, r.Text);
        r.Code.Should().Be(code, r.Text);
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/bsn/numbers")).AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ProductBindBsn_PerInstanceQuota_609PastTwentyNumbers()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        (await p.BindAsync(c, i, 20)).Should().HaveCount(20);
        var r = await p.Signed.Pop("ProductBindBsn", new Dictionary<string, string> { ["aliuid"] = c, ["num"] = "1", ["resourceId"] = i, ["resourceType"] = "1" });
        r.Code.Should().Be("609", r.Text);
    }

    [Fact]
    public async Task CustomerStsCall_NamingAnotherCustomer_Is604()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var other = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        var asCustomer = p.SignedAs(await p.AssumeCustomerRoleAsync(c));
        (await asCustomer.Pop("ProductBindBsn", new Dictionary<string, string> { ["aliuid"] = other, ["num"] = "1", ["resourceId"] = i, ["resourceType"] = "1" }))
            .Code.Should().Be("604");
        var own = await asCustomer.Pop("ProductBindBsn", new Dictionary<string, string> { ["aliuid"] = c, ["num"] = "1", ["resourceId"] = i, ["resourceType"] = "1" });
        own.Status.Should().Be(HttpStatusCode.OK, own.Text);
    }

    [Fact]
    public async Task GrantBsnCode_MovesTheNumberToAnotherCustomer_RefusesTheWrongHolderAndStrangers()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var d = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        var sn = (await p.BindAsync(c, i))[0];

        var g = await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = sn, ["AliUid"] = c, ["GrantToAliuid"] = d, ["Notes"] = "for the shop site" });
        g.Status.Should().Be(HttpStatusCode.OK, g.Text);
        g.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        g.Json["GrantToAliuid"]!.GetValue<long>().Should().Be(long.Parse(d));
        (await p.LookUpAsync(sn))["aliUid"]!.GetValue<long>().Should().Be(long.Parse(d));
        // The grantee sees it under the instance; the owner no longer does.
        var byRes = await p.Signed.Pop("GetBsnByResource", new Dictionary<string, string> { ["aliuid"] = d, ["resourceId"] = i, ["resourceType"] = "1" });
        byRes.Json["datas"]!["bsnDO"]!.AsArray().Should().ContainSingle();

        (await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = sn, ["AliUid"] = c, ["GrantToAliuid"] = d })).Code.Should().Be("616");
        (await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = "NOSUCHNUMBER0000", ["AliUid"] = d, ["GrantToAliuid"] = c })).Code.Should().Be("405");
        var stranger = await (await PartnerSession.StartAsync(_app)).CreateCustomerAsync();
        (await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = sn, ["AliUid"] = d, ["GrantToAliuid"] = stranger })).Code.Should().Be("408");
        (await p.Signed.Pop("GrantBsnCode", new Dictionary<string, string> { ["Sn"] = sn, ["AliUid"] = d })).Code.Should().Be("602");
    }

    [Fact]
    public async Task ReleasedInstance_InvalidatesItsNumbers()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        var sn = (await p.BindAsync(c, i))[0];
        _instances.SetStatus(p.Uid, i, "Stopped");
        (await p.LookUpAsync(sn))["status"]!.GetValue<int>().Should().Be(1, "a stopped instance keeps its numbers");
        _instances.SetStatus(p.Uid, i, "Released");
        (await p.LookUpAsync(sn))["status"]!.GetValue<int>().Should().Be(3);
        var byRes = await p.Signed.Pop("GetBsnByResource", new Dictionary<string, string> { ["aliuid"] = c, ["resourceId"] = i, ["resourceType"] = "1" });
        byRes.Json["datas"]!["bsnDO"]![0]!["status"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task XmlAnswer_RendersBsnDOItemsAsElements()
    {
        var p = await PartnerSession.StartAsync(_app);
        var c = await p.CreateCustomerAsync();
        var i = _instances.Run(p.Uid, c);
        await p.BindAsync(c, i, 2);
        var r = await p.Signed.V1("GetBsnByResource", BsnCalls.Version, new Dictionary<string, string> { ["aliuid"] = c, ["resourceId"] = i, ["resourceType"] = "1" }, format: "XML");
        r.Text.Should().Contain("<GetBsnByResourceResponse>").And.Contain("<datas><bsnDO><aliUid>");
        System.Text.RegularExpressions.Regex.Matches(r.Text, "<bsnDO>").Should().HaveCount(2);
    }
}
