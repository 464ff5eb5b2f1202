using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;

namespace VirtualOperator.ContractTests.Products.Workorder;

/// <summary>Workorder 2016-08-30 (tickets): the lower-case envelopes of dd/143228–143233 and a support conversation.</summary>
public sealed class WorkorderTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private const string Product = "Workorder";
    private const string Version = "2016-08-30";

    /// <summary>As pop-core sends them: V1, GET, action and parameter names capitalized (Action=Add, AliUid).</summary>
    private static Task<AcsResponse> Call(AcsClient c, string action, Dictionary<string, string>? p = null) =>
        c.CallAsync(Product, Version, action, p ?? new Dictionary<string, string>(), CallOptions.V1Get);

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task GetOSSTempAuthor_AnswersABrowserUploadGrant_ForTwoMinutesAndTwoMegabytes()
    {
        var r = (await Call(fx.Client, "GetOSSTempAuthor")).Json;
        r["code"]!.GetValue<int>().Should().Be(200);
        r["success"]!.GetValue<string>().Should().Be("true");
        var data = r["data"]!;
        foreach (var key in new[] { "accessId", "expire", "host", "policy", "dir", "signature" }) data[key]!.GetValue<string>().Should().NotBeEmpty(key);
        var policy = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(data["policy"]!.GetValue<string>())))!;
        var expiration = DateTimeOffset.Parse(policy["expiration"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        expiration.ToUnixTimeSeconds().Should().BeCloseTo(long.Parse(data["expire"]!.GetValue<string>()), 1);
        policy["conditions"]!.ToJsonString().Should().Contain("[\"content-length-range\",0,2097152]");
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task QuestionList_AnswersTheLowerCaseEnvelopeWithAList()
    {
        var r = (await Call(fx.Client, "QuestionList", new() { ["PageSize"] = "20" })).Json;
        r["code"]!.GetValue<string>().Should().Be("200");
        r["data"].Should().BeOfType<JsonArray>();
    }

    [ContractFact, EmulatorOnly("files a ticket and answers it as support through the control plane"), Cost(Cost.Free)]
    public async Task Conversation_AddSupportReplyPartnerReply_IsListedInOrder()
    {
        var partner = await fx.NewPartnerAsync();
        var (customer, _) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        var added = (await Call(partner.Client, "Add", new() { ["AliUid"] = customer, ["ProductId"] = "4", ["Content"] = new string('x', 40) })).Json;
        (added["code"]!.GetValue<string>(), added["success"]!.GetValue<bool>()).Should().Be(("200", true));
        var id = added["data"]!.GetValue<string>();

        var listed = (await Call(partner.Client, "QuestionList")).Json["data"]!.AsArray().Single()!;
        listed["title"]!.GetValue<string>().Should().Be(new string('x', 30), "the title defaults to the first 30 characters of the content");
        listed["questionStatus"]!.GetValue<string>().Should().Be("assigned");

        await fx.ControlPlane.PostAsync($"/_emulator/partners/{partner.Uid}/tickets/{id}/reply", new { content = "Which region?" });
        (await Call(partner.Client, "QuestionReply", new() { ["QuestionId"] = id, ["QuestionContent"] = "cn-hangzhou" }))
            .Json["code"]!.GetValue<string>().Should().Be("200");

        var notes = (await Call(partner.Client, "QuestionListNote", new() { ["QuestionId"] = id })).Json;
        notes["Count"]!.GetValue<int>().Should().Be(3);
        notes["ListResult"]!["NoteInfo"]!.AsArray().Select(n => (n!["FromOfficial"]!.GetValue<bool>(), n["Content"]!.GetValue<string>()))
            .Should().Equal((false, new string('x', 40)), (true, "Which region?"), (false, "cn-hangzhou"));
        (await Call(partner.Client, "QuestionList", new() { ["QuestionStatus"] = "feedback" })).Json["data"]!.AsArray().Should().ContainSingle();
    }

    [ContractFact, EmulatorOnly("the -121 code's envelope and status are inferred"), Cost(Cost.Free)]
    public async Task Add_ForAnotherPartnersCustomer_IsIllegalAuth_AndStsCustomersSeeOnlyTheirTickets()
    {
        var partner = await fx.NewPartnerAsync();
        var other = await fx.NewPartnerAsync();
        var (mine, roleArn) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());
        var (theirs, _) = await other.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email().Replace("@", ".1@"));
        var (second, _) = await partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email().Replace("@", ".2@"));

        var foreign = (await Call(partner.Client, "add", new() { ["aliUid"] = theirs, ["productId"] = "4", ["content"] = "x" })).Json;
        (foreign["code"]!.GetValue<string>(), foreign["success"]!.GetValue<bool>()).Should().Be(("-121", false));

        var own = (await Call(partner.Client, "add", new() { ["aliUid"] = mine, ["productId"] = "4", ["content"] = "mine" })).Json["data"]!.GetValue<string>();
        await Call(partner.Client, "add", new() { ["aliUid"] = second, ["productId"] = "4", ["content"] = "second's" });
        var sts = partner.Client.With((await partner.Client.AssumeRoleAsync(roleArn)).StsCredentials());
        (await Call(sts, "QuestionList")).Json["data"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()).Should().Equal(own);
    }
}
