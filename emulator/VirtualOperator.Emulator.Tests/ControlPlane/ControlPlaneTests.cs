using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

public sealed class ControlPlaneTests : IDisposable
{
    private readonly EmulatorApplication _app = new();
    private readonly HttpClient _http;

    public ControlPlaneTests() => _http = _app.CreateClient();
    public void Dispose() => _app.Dispose();

    private async Task<JsonObject> Get(string path) => (await _http.GetFromJsonAsync<JsonObject>(path))!;
    private async Task<JsonObject> Post(string path, object body)
    {
        var r = await _http.PostAsJsonAsync(path, body);
        r.IsSuccessStatusCode.Should().BeTrue(await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static DateTimeOffset Time(JsonObject o) => DateTimeOffset.Parse(o["now"]!.ToString());

    [Fact]
    public async Task Health_AnswersOkVersionAndNow()
    {
        var h = await Get("/_emulator/health");
        h["status"]!.ToString().Should().Be("ok");
        h["version"]!.ToString().Should().NotBeEmpty();
        h["now"]!.ToString().Should().EndWith("Z");
    }

    [Fact]
    public async Task ClockAdvance_MovesGlobalClockAndEveryPartner()
    {
        var p = await _app.CreatePartnerAsync();
        var before = Time(await Get("/_emulator/clock"));
        var partnerBefore = Time(await Get($"/_emulator/partners/{p.Uid}/clock"));
        var after = await Post("/_emulator/clock/advance", new { seconds = 86400 });
        after["offsetSeconds"]!.GetValue<long>().Should().Be(86400);
        (Time(after) - before).Should().BeCloseTo(TimeSpan.FromDays(1), TimeSpan.FromSeconds(5));
        (Time(await Get($"/_emulator/partners/{p.Uid}/clock")) - partnerBefore).Should().BeCloseTo(TimeSpan.FromDays(1), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task PartnerClockAdvance_MovesOnlyThatPartner()
    {
        var a = await _app.CreatePartnerAsync();
        var b = await _app.CreatePartnerAsync();
        await Post($"/_emulator/partners/{a.Uid}/clock/advance", new { seconds = 3600 });
        (await Get($"/_emulator/partners/{a.Uid}/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(3600);
        (await Get($"/_emulator/partners/{b.Uid}/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(0);
        (await Get("/_emulator/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task ClockSet_MovesToTheGivenTime()
    {
        var target = DateTimeOffset.UtcNow.AddYears(1);
        var r = await Post("/_emulator/clock/set", new { now = target });
        Time(r).Should().BeCloseTo(target, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ClockAdvance_NegativeSeconds_Answers400()
    {
        var r = await _http.PostAsJsonAsync("/_emulator/clock/advance", new { seconds = -5 });
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreatePartner_AnswersContractShape()
    {
        var p = await Post("/_emulator/partners", new { name = "acme", testAccount = true });
        p["uid"]!.ToString().Should().MatchRegex("^[1-9][0-9]{15}$");
        p["accessKeyId"]!.ToString().Should().StartWith("LTAI");
        p["accessKeySecret"]!.ToString().Should().HaveLength(30);
        var created = DateTimeOffset.Parse(p["createdAt"]!.ToString());
        DateTimeOffset.Parse(p["expiresAt"]!.ToString()).Should().Be(created.AddMonths(1));
        p["messageQueue"]!.ToString().Should().Contain(p["uid"]!.ToString());
        (await Get($"/_emulator/partners/{p["uid"]}"))["accessKeyId"]!.ToString().Should().Be(p["accessKeyId"]!.ToString());

        var prod = await Post("/_emulator/partners", new { testAccount = false });
        prod["expiresAt"].Should().BeNull();
    }

    [Fact]
    public async Task UnknownPartner_Answers404()
    {
        (await _http.GetAsync("/_emulator/partners/1111111111111111")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _http.PostAsJsonAsync("/_emulator/partners/1111111111111111/reset", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TwoPartners_SeeOnlyTheirOwnCustomers()
    {
        var a = await _app.CreatePartnerAsync();
        var b = await _app.CreatePartnerAsync();
        var created = await _app.Signed(a.AccessKeyId, a.Secret).V3("CreateAgAccount", "2017-12-14",
            new Dictionary<string, string> { ["LoginEmail"] = $"iso-{Guid.NewGuid():N}@example.com" });
        created.Status.Should().Be(HttpStatusCode.OK, created.Text);
        var pk = created.Json["AgRelationDto"]!["Pk"]!.ToString();

        var listA = await _app.Signed(a.AccessKeyId, a.Secret).V3("GetCustomerList", "2017-12-14");
        listA.Json["Data"]!["UidList"]!.AsArray().Select(x => x!.ToString()).Should().Equal(pk);
        var listB = await _app.Signed(b.AccessKeyId, b.Secret).V3("GetCustomerList", "2017-12-14");
        listB.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
        var info = await _app.Signed(b.AccessKeyId, b.Secret).V3("GetCustomerAccountInfo", "2017-12-14", new Dictionary<string, string> { ["OwnerId"] = pk });
        info.Code.Should().Be("InvalidOwner");
    }

    [Fact]
    public async Task GlobalReset_EmptiesStateAndRestartsClocks()
    {
        var a = await _app.CreatePartnerAsync();
        await _app.Signed().V3("CreateAgAccount", "2017-12-14", new Dictionary<string, string> { ["LoginEmail"] = $"r-{Guid.NewGuid():N}@example.com" });
        await Post("/_emulator/clock/advance", new { seconds = 1000 });

        await Post("/_emulator/reset", new { });

        (await _http.GetAsync($"/_emulator/partners/{a.Uid}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await Get("/_emulator/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(0);
        var list = await _app.Signed().V3("GetCustomerList", "2017-12-14");
        list.Status.Should().Be(HttpStatusCode.OK, "the seeded partner is there again");
        list.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
        (await _http.GetFromJsonAsync<JsonArray>("/_emulator/requests"))!.Count.Should().Be(1, "the journal restarted with that one call");
    }

    [Fact]
    public async Task PartnerReset_EmptiesOnlyThatPartner()
    {
        var a = await _app.CreatePartnerAsync(testAccount: false);
        var b = await _app.CreatePartnerAsync(testAccount: false);
        foreach (var p in new[] { a, b })
            (await _app.Signed(p.AccessKeyId, p.Secret).V3("CreateAgAccount", "2017-12-14",
                new Dictionary<string, string> { ["LoginEmail"] = $"pr-{Guid.NewGuid():N}@example.com" })).Code.Should().Be("200");
        await Post($"/_emulator/partners/{a.Uid}/clock/advance", new { seconds = 500 });

        await Post($"/_emulator/partners/{a.Uid}/reset", new { });

        (await _app.Signed(a.AccessKeyId, a.Secret).V3("GetCustomerList", "2017-12-14")).Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
        (await _app.Signed(b.AccessKeyId, b.Secret).V3("GetCustomerList", "2017-12-14")).Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(1);
        (await Get($"/_emulator/partners/{a.Uid}/clock"))["offsetSeconds"]!.GetValue<long>().Should().Be(0);
        var journal = (await _http.GetFromJsonAsync<JsonArray>($"/_emulator/partners/{a.Uid}/requests"))!;
        journal.Select(e => e!["action"]!.ToString()).Should().Equal("GetCustomerList");
    }

    [Fact]
    public async Task Fault_ForGetCustomerList_AnsweredOnceThenNormal()
    {
        var p = await _app.CreatePartnerAsync();
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        await Post("/_emulator/faults", new { action = "GetCustomerList", partner = p.Uid, code = "Throttling.User", httpStatus = 400, message = "Request was denied due to user flow control." });

        var failed = await client.V3("GetCustomerList", "2017-12-14");
        failed.Status.Should().Be(HttpStatusCode.BadRequest);
        failed.Code.Should().Be("Throttling.User");
        failed.Json["Message"]!.ToString().Should().Be("Request was denied due to user flow control.");
        (await client.V3("GetCustomerList", "2017-12-14")).Code.Should().Be("200");

        var journal = (await _http.GetFromJsonAsync<JsonArray>($"/_emulator/partners/{p.Uid}/requests?limit=2"))!;
        journal[0]!["injected"]!.GetValue<bool>().Should().BeFalse();
        journal[1]!["injected"]!.GetValue<bool>().Should().BeTrue();
        journal[1]!["code"]!.ToString().Should().Be("Throttling.User");
    }

    [Fact]
    public async Task Fault_AfterAndCount_SkipsThenFailsThatMany()
    {
        var p = await _app.CreatePartnerAsync();
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        await Post($"/_emulator/partners/{p.Uid}/faults", new { action = "GetCustomerList", code = "ServiceUnavailable", httpStatus = 503, after = 2, count = 2 });
        var codes = new List<string?>();
        for (var i = 0; i < 5; i++) codes.Add((await client.V3("GetCustomerList", "2017-12-14")).Code);
        codes.Should().Equal("200", "200", "ServiceUnavailable", "ServiceUnavailable", "200");
    }

    [Fact]
    public async Task Fault_OfAnotherPartner_DoesNotTouchThisOne()
    {
        var a = await _app.CreatePartnerAsync();
        var b = await _app.CreatePartnerAsync();
        await Post("/_emulator/faults", new { partner = a.Uid, code = "InternalError", httpStatus = 500, count = 5 });
        (await _app.Signed(b.AccessKeyId, b.Secret).V3("GetCustomerList", "2017-12-14")).Code.Should().Be("200");
        (await _app.Signed(a.AccessKeyId, a.Secret).V3("GetCustomerList", "2017-12-14")).Code.Should().Be("InternalError");
        (await _http.DeleteAsync("/_emulator/faults")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await _app.Signed(a.AccessKeyId, a.Secret).V3("GetCustomerList", "2017-12-14")).Code.Should().Be("200");
    }

    [Fact]
    public async Task Fault_DelayOnly_DelaysAndAnswersNormally()
    {
        var p = await _app.CreatePartnerAsync();
        await Post("/_emulator/faults", new { partner = p.Uid, action = "GetCustomerList", delayMs = 300 });
        var sw = System.Diagnostics.Stopwatch.StartNew();
        (await _app.Signed(p.AccessKeyId, p.Secret).V3("GetCustomerList", "2017-12-14")).Code.Should().Be("200");
        sw.ElapsedMilliseconds.Should().BeGreaterThanOrEqualTo(280);
    }

    [Fact]
    public async Task Fault_WithoutCodeOrDelay_Answers400()
    {
        var r = await _http.PostAsJsonAsync("/_emulator/faults", new { action = "GetCustomerList" });
        r.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Journal_RecordsSignatureFailureWithStringToSign()
    {
        var p = await _app.CreatePartnerAsync();
        await _app.Signed(p.AccessKeyId, "wrong").V1("GetCustomerList", "2017-12-14");
        var e = (await _http.GetFromJsonAsync<JsonArray>($"/_emulator/partners/{p.Uid}/requests?limit=1"))![0]!;
        e["code"]!.ToString().Should().Be("SignatureDoesNotMatch");
        e["httpStatus"]!.GetValue<int>().Should().Be(400);
        e["product"]!.ToString().Should().Be("BssOpenApi");
        e["stringToSign"]!.ToString().Should().StartWith("GET&%2F&AccessKeyId%3D" + p.AccessKeyId);
    }

    [Fact]
    public async Task TestAccount_PastOneMonth_EverySignedCallFails()
    {
        var p = await _app.CreatePartnerAsync(testAccount: true);
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        (await client.V3("GetCustomerList", "2017-12-14")).Code.Should().Be("200");
        await Post($"/_emulator/partners/{p.Uid}/clock/advance", new { seconds = 31 * 86400 });
        var r = await client.V3("GetCustomerList", "2017-12-14");
        r.Status.Should().Be(HttpStatusCode.Forbidden);
        r.Code.Should().Be("Forbidden.TestAccountExpired");
    }

    [Fact]
    public async Task Catalog_ListsEveryReferenceActionWithImplementedFlag()
    {
        var catalog = (await _http.GetFromJsonAsync<JsonArray>("/_emulator/catalog"))!;
        catalog.Count.Should().BeGreaterThanOrEqualTo(79);
        catalog.Single(a => a!["action"]!.ToString() == "GetCustomerList")!["implemented"]!.GetValue<bool>().Should().BeTrue();
        catalog.Single(a => a!["action"]!.ToString() == "RunInstances")!["implemented"]!.GetValue<bool>().Should().BeTrue();
        // Every other entry says whether a handler answers it; no entry is left without the flag.
        catalog.Should().OnlyContain(a => a!["implemented"] != null);
    }
}
