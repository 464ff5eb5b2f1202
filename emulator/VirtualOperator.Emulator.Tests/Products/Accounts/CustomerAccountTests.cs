using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Accounts;

public sealed class CustomerAccountTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app = f.App;

    [Fact]
    public async Task CreateAgAccount_ValidEmail_AnswersRelationAndCustomerIsListedAndReadable()
    {
        var p = await PartnerSession.StartAsync(_app);
        var r = await p.CreateAgAccount("alice@example.com", new Dictionary<string, string> { ["FirstName"] = "Alice", ["NationCode"] = "cn" });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Code"]!.ToString().Should().Be("200");
        r.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        var dto = r.Json["AgRelationDto"]!;
        dto["Pk"]!.ToString().Should().MatchRegex("^[0-9]{16}$");
        dto["Mpk"]!.ToString().Should().Be(p.Uid);
        dto["RamAdminRoleName"]!.ToString().Should().NotBeEmpty();
        dto["Type"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.String);
        var pk = dto["Pk"]!.ToString();

        var list = await p.Signed.V3("GetCustomerList", PartnerSession.Bss);
        list.Json["Data"]!["UidList"]!.AsArray().Select(x => x!.ToString()).Should().Equal(pk);

        var info = await p.Signed.V3("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string> { ["OwnerId"] = pk });
        info.Status.Should().Be(HttpStatusCode.OK, info.Text);
        info.Json["Data"]!["LoginEmail"]!.ToString().Should().Be("alice@example.com");
        info.Json["Data"]!["IsCertified"]!.GetValue<bool>().Should().BeFalse();
        info.Json["Data"]!["Mpk"]!.GetValueKind().Should().Be(System.Text.Json.JsonValueKind.Number);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    public async Task CreateAgAccount_BadEmail_InvalidParameterAndNothingCreated(string email)
    {
        var p = await PartnerSession.StartAsync(_app);
        var r = await p.CreateAgAccount(email);
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidParameter.LoginEmail");
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAgAccount_MissingEmail_MissingParameter()
    {
        var p = await PartnerSession.StartAsync(_app);
        var r = await p.Signed.V3("CreateAgAccount", PartnerSession.Bss, new Dictionary<string, string> { ["FirstName"] = "x" });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("MissingParameter");
        r.Json["Message"]!.ToString().Should().Contain("LoginEmail");
    }

    [Fact]
    public async Task CreateAgAccount_DuplicateEmail_EvenAcrossPartners_IsRefusedAndNotCreated()
    {
        var a = await PartnerSession.StartAsync(_app);
        var b = await PartnerSession.StartAsync(_app);
        var email = $"dup{Guid.NewGuid():N}@example.com";
        await a.CreateCustomerAsync(email);
        var again = await a.CreateAgAccount(email);
        again.Code.Should().Be("LoginEmail.AlreadyExists");
        again.Status.Should().Be(HttpStatusCode.BadRequest);
        (await b.CreateAgAccount(email)).Code.Should().Be("LoginEmail.AlreadyExists");
        (await b.CreateAgAccount(email.ToUpperInvariant())).Code.Should().Be("LoginEmail.AlreadyExists", "e-mail addresses compare case-insensitively");
        (await a.Signed.V3("GetCustomerList", PartnerSession.Bss)).Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(1);
        (await b.Signed.V3("GetCustomerList", PartnerSession.Bss)).Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task GetCustomerAccountInfo_AnotherPartnersCustomer_InvalidOwner()
    {
        var a = await PartnerSession.StartAsync(_app);
        var b = await PartnerSession.StartAsync(_app);
        var pk = await a.CreateCustomerAsync();
        var r = await b.Signed.V3("GetCustomerAccountInfo", PartnerSession.Bss, new Dictionary<string, string> { ["OwnerId"] = pk });
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("InvalidOwner");
        r.Json["Message"]!.ToString().Should().Be("The specified owner doesn't belong to caller.");
    }

    [Fact]
    public async Task CreateAgAccount_TwentyFirstCustomerOfTestAccount_CustomerLimitExceeded()
    {
        var p = await PartnerSession.StartAsync(_app);
        for (var i = 0; i < 20; i++) await p.CreateCustomerAsync();
        var r = await p.CreateAgAccount($"c21{Guid.NewGuid():N}@example.com");
        r.Status.Should().Be(HttpStatusCode.BadRequest);
        r.Code.Should().Be("CustomerLimitExceeded");
        r.Json["Message"]!.ToString().Should().Contain("20");
    }

    [Fact]
    public async Task CreateAgAccount_FiftyParallelOnFreshTestPartner_ExactlyTwentySucceed()
    {
        var p = await PartnerSession.StartAsync(_app);
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => p.CreateAgAccount($"par{i}-{Guid.NewGuid():N}@example.com")));
        results.Count(r => r.Status == HttpStatusCode.OK).Should().Be(20);
        results.Where(r => r.Status != HttpStatusCode.OK).Should().HaveCount(30).And.OnlyContain(r => r.Code == "CustomerLimitExceeded");
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(20);
    }

    [Fact]
    public async Task NonTestPartner_HasNoCustomerLimit()
    {
        var p = await PartnerSession.StartAsync(_app, testAccount: false);
        for (var i = 0; i < 21; i++) await p.CreateCustomerAsync();
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(21);
    }

    [Fact]
    public async Task TestAccount_After31Days_EverySignedCallFailsAccountExpired()
    {
        var p = await PartnerSession.StartAsync(_app);
        (await p.Signed.V3("GetCustomerList", PartnerSession.Bss)).Status.Should().Be(HttpStatusCode.OK);
        await p.AdvanceClockAsync(TimeSpan.FromDays(31));
        var r = await p.Signed.V3("GetCustomerList", PartnerSession.Bss);
        r.Status.Should().Be(HttpStatusCode.Forbidden);
        r.Code.Should().Be("Forbidden.TestAccountExpired");
        (await p.CreateAgAccount("late@example.com")).Code.Should().Be("Forbidden.TestAccountExpired");
        (await p.AssumeRole("acs:ram::1:role/x")).Code.Should().Be("Forbidden.TestAccountExpired");
    }

    [Fact]
    public async Task CreateAgAccount_RecordsCustomerCreatedMessageInFinalMnsForm()
    {
        var p = await PartnerSession.StartAsync(_app);
        var pk = await p.CreateCustomerAsync("events@example.org");
        var messages = (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray();
        var m = messages.Should().ContainSingle().Subject!;
        m["eventType"]!.ToString().Should().Be("CustomerCreated");
        m["messageId"]!.ToString().Should().MatchRegex("^[0-9A-F]{32}$");
        m["queueName"]!.ToString().Should().Be($"vo-messages-{p.Uid}");
        var body = m["messageBody"]!.ToString();
        m["messageBodyMD5"]!.ToString().Should().Be(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes(body))));
        var parsed = JsonNode.Parse(body)!;
        parsed["EventType"]!.ToString().Should().Be("CustomerCreated");
        parsed["Data"]!["CustomerUid"]!.ToString().Should().Be(pk);
        parsed["Data"]!["LoginEmail"]!.ToString().Should().Be("events@example.org");
    }
}
