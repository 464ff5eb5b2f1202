using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>Sales together with the budget API, durable storage and the XML wire form.</summary>
public sealed class SalesIntegrationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public SalesIntegrationTests(EmulatorFixture f) => _app = f.App;

    private static Dictionary<string, string> Status(string status) => new() { ["BusinessType"] = "FREEZE", ["Status"] = status };

    [Fact]
    public async Task FrozenCustomer_PurchaseRefusedWithNothingWritten_ThawedCustomerBuys()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 1000m);
        await kit.Ok("SetResellerUserStatus", Status("Freeze"));
        var r = await kit.Call("CreateInstance", SalesKit.Buy());
        r.Status.Should().Be(HttpStatusCode.Forbidden, r.Text);
        r.Code.Should().Be("Forbidden.UserStopped");
        (await kit.OrdersAsync()).Should().BeEmpty();
        kit.Available().Should().Be(1000m);

        await kit.Ok("SetResellerUserStatus", Status("Thaw"));
        await kit.BuyAsync();
        kit.Available().Should().Be(770m);
    }

    [Fact]
    public async Task FrozenCustomer_AutoRenewalAtExpiry_LeavesUnpaidOrderAndExpires()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 5000m);
        var (id, _) = await kit.BuyAsync(renewal: "AutoRenewal", renewPeriod: 1);
        await kit.Ok("SetResellerUserStatus", Status("Freeze"));
        await kit.AdvanceAsync(TimeSpan.FromDays(32));
        (await kit.InstanceAsync(id))!["Status"]!.ToString().Should().Be("Expired");
        var unpaid = await kit.OrdersAsync(new Dictionary<string, string> { ["PaymentStatus"] = "Unpaid" });
        unpaid.Should().ContainSingle();
        kit.Available().Should().Be(5000m - 230m);
    }

    [Fact]
    public async Task QueryOrders_V1WithoutFormat_AnswersXmlWithOneElementPerOrder()
    {
        var kit = await SalesKit.CreateAsync(_app);
        await kit.BuyAsync();
        await kit.BuyAsync();
        var r = await kit.Client.V1("QueryOrders", SalesKit.Version, new Dictionary<string, string> { ["OwnerId"] = kit.Customer }, format: null);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        var xml = System.Xml.Linq.XDocument.Parse(r.Text).Root!;
        xml.Name.LocalName.Should().Be("QueryOrdersResponse");
        xml.Element("Data")!.Element("OrderList")!.Elements("Order").Should().HaveCount(2);
    }

    [Fact]
    public async Task DurableStore_InstancesOrdersAndLifecycleSurviveARestart()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vo-sales-{Guid.NewGuid():N}.db");
        try
        {
            string id, customer;
            PartnerKeys partner;
            using (var first = new EmulatorApplication(path))
            {
                var kit = await SalesKit.CreateAsync(first, quota: 1000m);
                (id, _) = await kit.BuyAsync(renewal: "AutoRenewal", renewPeriod: 1);
                (partner, customer) = (kit.Partner, kit.Customer);
            }
            using var second = new EmulatorApplication(path);
            var client = second.Signed(partner.AccessKeyId, partner.Secret);
            var list = await client.V3("QueryAvailableInstances", SalesKit.Version, new Dictionary<string, string> { ["OwnerId"] = customer });
            list.Json["Data"]!["InstanceList"]![0]!["InstanceID"]!.ToString().Should().Be(id);
            var advanced = await second.CreateClient().PostAsync($"/_emulator/partners/{partner.Uid}/clock/advance",
                System.Net.Http.Json.JsonContent.Create(new { seconds = 40 * 86400 }));
            advanced.EnsureSuccessStatusCode();
            var renewals = await client.V3("QueryOrders", SalesKit.Version, new Dictionary<string, string> { ["OwnerId"] = customer, ["OrderType"] = "Renew" });
            renewals.Json["Data"]!["TotalCount"]!.GetValue<int>().Should().Be(1);
            renewals.Json["Data"]!["OrderList"]!["Order"]![0]!["PretaxAmount"]!.ToString().Should().Be("230.00");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
