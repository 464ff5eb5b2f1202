using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Mns;

/// <summary>
/// docs/events.md is the event catalog: every event type the emulator emits has a row there, and the flow that should emit
/// it really does, once, with exactly the documented <c>Data</c> fields, delivered to the partner's queue over MNS.
/// A product that adds an event adds one row to the doc and one to <see cref="Emitters"/>.
/// </summary>
public sealed partial class EventCatalogTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private EmulatorApplication App => f.App;

    /// <summary>The flow that should emit each event type, run on a fresh partner.</summary>
    private static readonly Dictionary<string, Func<EmulatorApplication, PartnerKeys, Task>> Emitters = new()
    {
        [PartnerEventTypes.CustomerCreated] = async (app, p) => await NewCustomer(app, p),
        [PartnerEventTypes.IdentityVerificationCompleted] = async (app, p) => await Control(app, $"/_emulator/customers/{await NewCustomer(app, p)}/identity/complete",
            new { subjectType = "Enterprise", name = "Example Ltd" }),
        [PartnerEventTypes.IdentityVerificationRejected] = async (app, p) => await Control(app, $"/_emulator/customers/{await NewCustomer(app, p)}/identity/reject",
            new { reason = "Blurred photo" }),
        [PartnerEventTypes.IdentityVerificationRemoved] = async (app, p) =>
        {
            var pk = await NewCustomer(app, p);
            await Control(app, $"/_emulator/customers/{pk}/identity/complete", new { subjectType = "Individual", name = "Li Lei" });
            (await app.Signed(p.AccessKeyId, p.Secret).V1("RemoveIdentityCertifiedForBidUser", "2015-04-08", new Dictionary<string, string> { ["PK"] = pk }))
                .Status.Should().Be(HttpStatusCode.OK);
        },
        [PartnerEventTypes.QuotaLowBalance] = async (app, p) =>
        {
            var pk = await NewCustomer(app, p);
            var c = app.Signed(p.AccessKeyId, p.Secret);
            await Ok(c.V3("CreateResellerUserQuota", Bss, new Dictionary<string, string> { ["OwnerId"] = pk, ["Amount"] = "100", ["Currency"] = "CNY" }));
            await Ok(c.V3("SetResellerUserAlarmThreshold", Bss, new Dictionary<string, string>
            {
                ["OwnerId"] = pk, ["AlarmType"] = "quota_low_balance", ["AlarmThresholds"] = "[{\"thresholdType\":0,\"thresholdAmount\":50}]",
            }));
            await Ok(c.V3("ChangeResellerConsumeAmount", Bss, new Dictionary<string, string>
            {
                ["OwnerId"] = pk, ["AdjustType"] = "increase", ["Amount"] = "60", ["Currency"] = "CNY", ["BusinessType"] = "quota_amount_adjust",
                ["Source"] = "catalog-test", ["OutBizId"] = Guid.NewGuid().ToString("N"),
            }));
        },
        [PartnerEventTypes.CustomerStopped] = FrozenThenThawed,
        [PartnerEventTypes.CustomerResumed] = FrozenThenThawed,
        // One subscription's whole life without credit: paid, expiring, renewal unpaid, expired, its order cancelled, released.
        [PartnerEventTypes.OrderPaid] = UnrenewedSubscription,
        [PartnerEventTypes.InstanceExpiringSoon] = UnrenewedSubscription,
        [PartnerEventTypes.OrderUnpaid] = UnrenewedSubscription,
        [PartnerEventTypes.InstanceExpired] = UnrenewedSubscription,
        [PartnerEventTypes.OrderCancelled] = UnrenewedSubscription,
        [PartnerEventTypes.InstanceReleased] = UnrenewedSubscription,
        [PartnerEventTypes.EcsInstanceCreated] = EcsCreated,
        [PartnerEventTypes.RdsInstanceCreated] = RdsCreated,
        // A PostPaid ECS instance the credit stops covering: overdue, then stopped for arrears (EventCatalogFlows.cs).
        [PartnerEventTypes.PayAsYouGoOverdue] = UnpaidPayAsYouGo,
        [PartnerEventTypes.PayAsYouGoStopped] = UnpaidPayAsYouGo,
        [PartnerEventTypes.IcpFilingSubmitted] = IcpSubmitted,
        [PartnerEventTypes.IcpFilingUnderReview] = IcpReviewedAndApproved,
        [PartnerEventTypes.IcpFilingApproved] = IcpReviewedAndApproved,
        [PartnerEventTypes.IcpFilingRejected] = IcpRejected,
    };

    private const string Bss = "2017-12-14";

    private static async Task FrozenThenThawed(EmulatorApplication app, PartnerKeys p)
    {
        var pk = await NewCustomer(app, p);
        var c = app.Signed(p.AccessKeyId, p.Secret);
        foreach (var status in new[] { "Freeze", "Thaw" })
            await Ok(c.V3("SetResellerUserStatus", Bss, new Dictionary<string, string> { ["OwnerId"] = pk, ["BusinessType"] = "FREEZE", ["Status"] = status }));
    }

    private static async Task UnrenewedSubscription(EmulatorApplication app, PartnerKeys p)
    {
        var kit = await SalesKit.CreateAsync(app, quota: 230m, partner: p);
        await kit.BuyAsync(months: 1, renewal: "AutoRenewal", renewPeriod: 1);
        await kit.AdvanceAsync(TimeSpan.FromDays(32));
        await kit.AdvanceAsync(TimeSpan.FromDays(20));
    }

    public static TheoryData<string> DocumentedTypes()
    {
        var data = new TheoryData<string>();
        foreach (var row in Catalog()) data.Add(row.Type);
        return data;
    }

    [Fact]
    public void EveryEventTypeConstant_IsDocumented_AndHasAnEmitter()
    {
        var constants = typeof(PartnerEventTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(x => x.IsLiteral).Select(x => (string)x.GetRawConstantValue()!).ToList();
        Catalog().Select(r => r.Type).Should().BeEquivalentTo(constants, "docs/events.md lists every event type the emulator emits, and only those");
        Emitters.Keys.Should().BeEquivalentTo(constants, "every event type has a flow in this test that emits it");
    }

    [Theory]
    [MemberData(nameof(DocumentedTypes))]
    public async Task DocumentedEvent_IsEmittedOnceByItsFlow_WithTheDocumentedData(string type)
    {
        var row = Catalog().Single(r => r.Type == type);
        Emitters.Should().ContainKey(type, "every documented event needs a flow row here");
        var partner = await App.CreatePartnerAsync(testAccount: false);

        await Emitters[type](App, partner);

        var messages = (await new MnsTestClient(App, partner).DrainAsync())
            .Select(m => JsonNode.Parse(MnsTestClient.Field(m, "MessageBody"))!.AsObject())
            .Where(b => b["EventType"]!.GetValue<string>() == type).ToList();
        messages.Should().ContainSingle($"the flow for {type} emits it exactly once");
        var body = messages[0];
        body["PartnerUid"]!.GetValue<string>().Should().Be(partner.Uid);
        body["Data"]!.AsObject().Select(p => p.Key).Should().BeEquivalentTo(row.Data, $"the Data of {type} is as docs/events.md documents it");
    }

    private sealed record Row(string Type, IReadOnlyList<string> Data);

    private static IReadOnlyList<Row> Catalog()
    {
        var text = File.ReadAllText(Path.Combine(Protocol.RepoPaths.Root, "docs", "events.md"));
        var table = text[text.IndexOf("<!-- events:start -->", StringComparison.Ordinal)..text.IndexOf("<!-- events:end -->", StringComparison.Ordinal)];
        return table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l =>
        {
            var cells = l.Split('|').Select(c => c.Trim()).ToArray();
            return new Row(cells[1].Trim('`'), Names().Matches(cells[3]).Select(m => m.Groups[1].Value).ToList());
        }).ToList();
    }

    [GeneratedRegex("`([A-Za-z]+)`")]
    private static partial Regex Names();

    private static async Task<string> NewCustomer(EmulatorApplication app, PartnerKeys p)
    {
        var r = await app.Signed(p.AccessKeyId, p.Secret).V3("CreateAgAccount", Bss,
            new Dictionary<string, string> { ["LoginEmail"] = $"ev{Guid.NewGuid():N}@example.com" });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json["AgRelationDto"]!["Pk"]!.ToString();
    }

    private static async Task Control(EmulatorApplication app, string path, object body) =>
        (await app.CreateClient().PostAsJsonAsync(path, body)).EnsureSuccessStatusCode();

    private static async Task Ok(Task<ApiResult> call)
    {
        var r = await call;
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
    }
}
