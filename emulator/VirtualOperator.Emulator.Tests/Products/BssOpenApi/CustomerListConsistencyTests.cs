using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi;

/// <summary>
/// GetCustomerList answers from a cached, ordered uid list and CreateAgAccount counts customers only for a
/// test account's limit (docs/performance.md): what a caller sees must be exactly what it was without them.
/// </summary>
public sealed class CustomerListConsistencyTests : IDisposable
{
    private const string Version = "2017-12-14";
    private readonly EmulatorApplication _app = new();

    public void Dispose() => _app.Dispose();

    private static async Task<string> CreateCustomer(SignedClient client, string email)
    {
        var r = await client.V3("CreateAgAccount", Version, new Dictionary<string, string> { ["LoginEmail"] = email });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json["AgRelationDto"]!["Pk"]!.ToString();
    }

    private static async Task<List<string>> List(SignedClient client)
    {
        var r = await client.V3("GetCustomerList", Version);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json["Data"]!["UidList"]!.AsArray().Select(x => x!.ToString()).ToList();
    }

    [Fact]
    public async Task GetCustomerList_AfterEachCreate_ListsEveryCustomerInCreationOrder()
    {
        var p = await _app.CreatePartnerAsync();
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        var created = new List<string>();
        (await List(client)).Should().BeEmpty();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await CreateCustomer(client, $"order{i}-{p.Uid}@example.com"));
            (await List(client)).Should().Equal(created, "a read right after a write sees it");
        }
        (await List(_app.Signed())).Should().NotContain(created, "another partner's list is its own");
    }

    [Fact]
    public async Task GetCustomerList_AfterPartnerReset_IsEmptyAndGrowsAgain()
    {
        var p = await _app.CreatePartnerAsync();
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        await CreateCustomer(client, $"before-{p.Uid}@example.com");
        (await List(client)).Should().HaveCount(1);

        (await _app.CreateClient().PostAsync($"/_emulator/partners/{p.Uid}/reset", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await List(client)).Should().BeEmpty();

        var after = await CreateCustomer(client, $"after-{p.Uid}@example.com");
        (await List(client)).Should().Equal(after);
    }

    [Fact]
    public async Task GetCustomerList_AfterGlobalReset_IsEmpty()
    {
        var client = _app.Signed();
        await CreateCustomer(client, "global-reset@example.com");
        (await List(client)).Should().HaveCount(1);

        (await _app.CreateClient().PostAsync("/_emulator/reset", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await List(client)).Should().BeEmpty();
    }

    [Fact]
    public async Task CreateAgAccount_TestAccountStopsAtTwenty_OtherPartnerDoesNot()
    {
        var test = await _app.CreatePartnerAsync(testAccount: true);
        var testClient = _app.Signed(test.AccessKeyId, test.Secret);
        for (var i = 0; i < 20; i++) await CreateCustomer(testClient, $"t{i}-{test.Uid}@example.com");
        var refused = await testClient.V3("CreateAgAccount", Version, new Dictionary<string, string> { ["LoginEmail"] = $"t20-{test.Uid}@example.com" });
        refused.Status.Should().Be(HttpStatusCode.BadRequest, refused.Text);
        refused.Code.Should().Be("CustomerLimitExceeded");
        (await List(testClient)).Should().HaveCount(20, "a refused create writes nothing");

        var full = await _app.CreatePartnerAsync(testAccount: false);
        var fullClient = _app.Signed(full.AccessKeyId, full.Secret);
        for (var i = 0; i < 21; i++) await CreateCustomer(fullClient, $"f{i}-{full.Uid}@example.com");
        (await List(fullClient)).Should().HaveCount(21);
    }

    [Fact]
    public async Task CreateAgAccount_ConcurrentCreatesAndReads_EndWithEveryCustomerListed()
    {
        var p = await _app.CreatePartnerAsync(testAccount: false);
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        var creates = Enumerable.Range(0, 30).Select(i => CreateCustomer(client, $"c{i}-{p.Uid}@example.com")).ToList();
        var reads = Enumerable.Range(0, 30).Select(_ => List(client)).ToList();
        var created = await Task.WhenAll(creates);
        await Task.WhenAll(reads);
        (await List(client)).Should().BeEquivalentTo(created);
    }

    [Fact]
    public async Task PartnerMessages_AfterPartnerReset_StartOverInOrder()
    {
        var p = await _app.CreatePartnerAsync();
        var client = _app.Signed(p.AccessKeyId, p.Secret);
        var http = _app.CreateClient();
        async Task<List<string>> Customers() => (await http.GetFromJsonAsync<JsonArray>($"/_emulator/partners/{p.Uid}/messages"))!
            .Select(m => JsonNode.Parse(m!["messageBody"]!.ToString())!["Data"]!["CustomerUid"]!.ToString()).ToList();

        await CreateCustomer(client, $"m0-{p.Uid}@example.com");
        (await http.PostAsync($"/_emulator/partners/{p.Uid}/reset", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        (await Customers()).Should().BeEmpty();

        var a = await CreateCustomer(client, $"m1-{p.Uid}@example.com");
        var b = await CreateCustomer(client, $"m2-{p.Uid}@example.com");
        (await Customers()).Should().Equal(a, b);
    }
}
