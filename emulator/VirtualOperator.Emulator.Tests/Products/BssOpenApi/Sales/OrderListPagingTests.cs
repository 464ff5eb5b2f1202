using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>
/// An unfiltered QueryOrders pages through a per-partner index (OrderListIndex) instead of reading every order; a
/// filtered one still reads them all. Both must list the same orders in the same order, also for orders placed
/// after the index was built, per customer, and after a reset.
/// </summary>
public sealed class OrderListPagingTests : IClassFixture<EmulatorFixture>
{
    // Matches every order, so the call takes the filtered path: the reference the indexed pages are compared with.
    private static readonly Dictionary<string, string> Everything = new() { ["CreateTimeEnd"] = "2999-01-01T00:00:00Z" };

    private readonly EmulatorApplication _app;

    public OrderListPagingTests(EmulatorFixture f) => _app = f.App;

    [Fact]
    public async Task UnfilteredPages_ListWhatTheFilteredListLists_InTheSameOrder_AlsoAfterNewOrders()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 10_000m);
        var second = await kit.AddCustomerAsync(10_000m);
        for (var i = 0; i < 3; i++) await kit.BuyAsync();
        await kit.Ok("CreateInstance", Owner(SalesKit.Buy(), second));
        (await PagesAsync(kit, "")).Should().HaveCount(4, "this first unfiltered page builds the partner's index");

        for (var i = 0; i < 2; i++) await kit.Ok("CreateInstance", Owner(SalesKit.Buy(), second));
        await kit.BuyAsync("cbwp", bandwidth: "5");

        var partnerWide = await PagesAsync(kit, "");
        partnerWide.Should().HaveCount(7, "orders placed after the index was built are in it");
        partnerWide.Should().Equal(await ReferenceAsync(kit, ""));
        (await PagesAsync(kit, second)).Should().HaveCount(3).And.Equal(await ReferenceAsync(kit, second));
        (await PagesAsync(kit, kit.Customer)).Should().HaveCount(4).And.Equal(await ReferenceAsync(kit, kit.Customer));
        (await kit.Ok("QueryOrders", new Dictionary<string, string> { ["OwnerId"] = "", ["PageSize"] = "2", ["PageNum"] = "2" }))
            ["Data"]!["TotalCount"]!.GetValue<int>().Should().Be(7);
    }

    [Fact]
    public async Task AfterAPartnerReset_TheUnfilteredListIsEmpty_AndNewOrdersAreListed()
    {
        var kit = await SalesKit.CreateAsync(_app, quota: 10_000m);
        await kit.BuyAsync();
        (await PagesAsync(kit, "")).Should().ContainSingle();

        (await _app.CreateClient().PostAsync($"/_emulator/partners/{kit.Partner.Uid}/reset", System.Net.Http.Json.JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        var fresh = await SalesKit.CreateAsync(_app, quota: 10_000m, partner: kit.Partner);
        await fresh.BuyAsync();

        var listed = await PagesAsync(fresh, "");
        listed.Should().ContainSingle("the orders of before the reset are gone from the index too");
        listed.Should().Equal(await ReferenceAsync(fresh, ""));
    }

    /// <summary>Every order id, walking the unfiltered list two at a time.</summary>
    private static async Task<List<string>> PagesAsync(SalesKit kit, string owner)
    {
        var ids = new List<string>();
        for (var num = 1; ; num++)
        {
            var page = (await kit.Ok("QueryOrders", new Dictionary<string, string> { ["OwnerId"] = owner, ["PageSize"] = "2", ["PageNum"] = num.ToString() }))
                ["Data"]!["OrderList"]!["Order"]!.AsArray();
            if (page.Count == 0) return ids;
            ids.AddRange(page.Select(o => o!["OrderId"]!.ToString()));
        }
    }

    private static async Task<List<string>> ReferenceAsync(SalesKit kit, string owner) =>
        (await kit.OrdersAsync(new Dictionary<string, string>(Everything) { ["OwnerId"] = owner })).Select(o => o!["OrderId"]!.ToString()).ToList();

    private static Dictionary<string, string> Owner(Dictionary<string, string> p, string owner)
    {
        p["OwnerId"] = owner;
        return p;
    }
}
