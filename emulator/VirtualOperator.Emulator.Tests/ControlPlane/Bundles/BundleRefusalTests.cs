using System.Net;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane.Bundles;

/// <summary>Bundles that must be refused whole: a clear 4xx, and the partner's state exactly as it was.</summary>
public sealed class BundleRefusalTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private sealed record Setup(PartnerSession Partner, HttpClient Control, JsonObject Bundle, CatalogReads Reads, SortedDictionary<string, string> Before);

    private async Task<Setup> PartnerWithOrders()
    {
        var p = await PartnerSession.StartAsync(f.App, testAccount: false);
        var customer = await p.CreateCustomerAsync();
        (await p.Signed.V3("CreateResellerUserQuota", PartnerSession.Bss, new Dictionary<string, string>
            { ["OwnerId"] = customer, ["Amount"] = "1000", ["Currency"] = "CNY" })).Status.Should().Be(HttpStatusCode.OK);
        for (var i = 0; i < 2; i++)
            (await p.Signed.V3("CreateInstance", PartnerSession.Bss, new Dictionary<string, string>
            {
                ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "PayAsYouGo",
                ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
            })).Status.Should().Be(HttpStatusCode.OK);
        var control = f.App.CreateClient();
        var bundle = JsonNode.Parse(await control.GetStringAsync($"/_emulator/partners/{p.Uid}/bundle"))!.AsObject();
        var reads = await CatalogReads.Plan(p.Signed, new Dictionary<string, Acceptance.TourCall>(), []);
        return new Setup(p, control, bundle, reads, await reads.RunAsync(p.Signed));
    }

    private static async Task<(HttpStatusCode Status, string Error)> Import(Setup s, JsonObject bundle)
    {
        var r = await BundleRoundTripTests.Import(s.Control, bundle.ToJsonString(), replace: true);
        var body = JsonNode.Parse(await r.Content.ReadAsStringAsync())!;
        return (r.StatusCode, body["error"]?.ToString() ?? body.ToJsonString());
    }

    private static async Task Unchanged(Setup s) =>
        BundleRoundTripTests.Differences(s.Before, await s.Reads.RunAsync(s.Partner.Signed)).Should().BeEmpty();

    [Fact]
    public async Task ANewerSchema_IsRefused_AndNothingChanges()
    {
        var s = await PartnerWithOrders();
        var bundle = s.Bundle.DeepClone().AsObject();
        bundle["schemaVersion"] = 99;
        bundle["collections"]!["orders"] = new JsonArray();
        var (status, error) = await Import(s, bundle);
        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Contain("newer emulator").And.Contain("schema 99");
        await Unchanged(s);
    }

    [Fact]
    public async Task ADocumentOfAnotherPartner_IsRefused_AndNothingChanges()
    {
        var s = await PartnerWithOrders();
        var bundle = s.Bundle.DeepClone().AsObject();
        bundle["collections"]!["orders"]![0]!["PartnerUid"] = "1688999999999999";
        bundle["collections"]!["orders"]!.AsArray().RemoveAt(1);
        var (status, error) = await Import(s, bundle);
        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Contain("belongs to partner 1688999999999999");
        await Unchanged(s);
    }

    /// <summary>A duplicate id fails inside the LiteDB transaction, after the partner's documents were deleted in it: rolled back.</summary>
    [Fact]
    public async Task AFailureWhileLoading_RollsBackEverything()
    {
        var s = await PartnerWithOrders();
        var bundle = s.Bundle.DeepClone().AsObject();
        var orders = bundle["collections"]!["orders"]!.AsArray();
        orders.Add(orders[0]!.DeepClone());
        var (status, error) = await Import(s, bundle);
        status.Should().Be(HttpStatusCode.Conflict);
        error.Should().Contain("nothing changed");
        await Unchanged(s);
    }

    [Fact]
    public async Task ANonBundle_IsRefused()
    {
        var s = await PartnerWithOrders();
        var (status, error) = await Import(s, new JsonObject { ["format"] = "something-else", ["partnerUid"] = s.Partner.Uid });
        status.Should().Be(HttpStatusCode.BadRequest);
        error.Should().Contain("Not an emulator partner bundle");
        await Unchanged(s);
    }
}
