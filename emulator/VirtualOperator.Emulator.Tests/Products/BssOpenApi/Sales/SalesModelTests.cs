using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>
/// Model-based: random sequences of buy, renew, modify, cancel, set renewal and clock advances, run over the wire
/// against a fresh partner each, keep the invariants of issue 6 after every clock move and at the end.
/// </summary>
public sealed class SalesModelTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    private readonly ITestOutputHelper _out;

    public SalesModelTests(EmulatorFixture f, ITestOutputHelper output) => (_app, _out) = (f.App, output);

    private enum Kind { Buy, BuyAuto, Renew, Upgrade, Downgrade, Cancel, SetAuto, SetManual, Advance }

    private sealed record Op(Kind Kind, int Target, int Arg)
    {
        public override string ToString() => $"{Kind}({Target},{Arg})";
    }

    private static readonly int[] AdvanceDays = [1, 6, 10, 31, 100, 365];

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Frequency((3, Gen.Const(Kind.Buy)), (3, Gen.Const(Kind.BuyAuto)), (2, Gen.Const(Kind.Renew)), (2, Gen.Const(Kind.Upgrade)),
            (1, Gen.Const(Kind.Downgrade)), (2, Gen.Const(Kind.Cancel)), (1, Gen.Const(Kind.SetAuto)), (1, Gen.Const(Kind.SetManual)),
            (3, Gen.Const(Kind.Advance))),
        Gen.Int[0, 9], Gen.Int[1, 12], (k, t, a) => new Op(k, t, a));

    private static readonly Gen<(decimal Quota, Op[] Ops)> GenRun =
        Gen.Select(Gen.OneOfConst(300m, 1_500m, 6_000m), GenOp.Array[1, 14]);

    /// <summary>Codes a random step may legitimately meet; anything else (a 500 above all) fails the run.</summary>
    private static readonly string[] Expected =
        ["InsufficientQuota", "IncorrectInstanceStatus", "InvalidParameter", "InvalidInstanceId.NotFound", "ORDER.CANNOT_CANCEL"];

    [Fact]
    public async Task RandomSalesSequences_KeepLedgerOrderAndLifecycleInvariants()
    {
        await GenRun.SampleAsync(async run => await RunAsync(run.Quota, run.Ops), iter: 30, threads: 1,
            print: run => $"quota {run.Quota}: {string.Join(" ", run.Ops.Select(o => o.ToString()))}",
            writeLine: _out.WriteLine);
    }

    private async Task RunAsync(decimal quota, Op[] ops)
    {
        var kit = await SalesKit.CreateAsync(_app, quota);
        var bought = new List<string>();
        foreach (var op in ops)
        {
            var target = bought.Count == 0 ? null : bought[op.Target % bought.Count];
            ApiResult? r = null;
            switch (op.Kind)
            {
                case Kind.Buy or Kind.BuyAuto:
                    r = await kit.Call("CreateInstance", SalesKit.Buy("eip", months: op.Arg % 3 + 1, bandwidth: (op.Arg * 2).ToString(),
                        renewal: op.Kind == Kind.BuyAuto ? "AutoRenewal" : "ManualRenewal", renewPeriod: 1));
                    if (r.Status == HttpStatusCode.OK) bought.Add(r.Json["Data"]!["InstanceId"]!.ToString());
                    break;
                case Kind.Renew when target is not null:
                    r = await kit.Call("RenewInstance", new Dictionary<string, string> { ["InstanceId"] = target, ["ProductCode"] = "eip", ["RenewPeriod"] = (op.Arg % 3 + 1).ToString() });
                    break;
                case Kind.Upgrade or Kind.Downgrade when target is not null:
                    r = await kit.Call("ModifyInstance", new Dictionary<string, string>
                    {
                        ["InstanceId"] = target, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription",
                        ["ModifyType"] = op.Kind.ToString(), ["Parameter.1.Code"] = "Bandwidth", ["Parameter.1.Value"] = (op.Arg * 3).ToString(),
                    });
                    break;
                case Kind.Cancel:
                    var orders = await kit.OrdersAsync();
                    if (orders.Count > 0)
                        r = await kit.Call("CancelOrder", new Dictionary<string, string> { ["OrderId"] = orders[op.Target % orders.Count]!["OrderId"]!.ToString() });
                    break;
                case Kind.SetAuto or Kind.SetManual when target is not null:
                    r = await kit.Call("SetRenewal", new Dictionary<string, string>
                    {
                        ["InstanceIDs"] = target, ["ProductCode"] = "eip", ["RenewalPeriod"] = "1",
                        ["RenewalStatus"] = op.Kind == Kind.SetAuto ? "AutoRenewal" : "ManualRenewal",
                    });
                    break;
                case Kind.Advance:
                    await kit.AdvanceAsync(TimeSpan.FromDays(AdvanceDays[op.Arg % AdvanceDays.Length]));
                    await CheckInvariantsAsync(kit, bought, quota);
                    break;
            }
            if (r is not null && r.Status != HttpStatusCode.OK)
            {
                ((int)r.Status).Should().BeLessThan(500, r.Text);
                r.Code.Should().BeOneOf(Expected, $"{op} answered {r.Text}");
            }
        }
        await CheckInvariantsAsync(kit, bought, quota);
    }

    private async Task CheckInvariantsAsync(SalesKit kit, List<string> bought, decimal granted)
    {
        var orders = await kit.OrdersAsync();
        orders.Count.Should().BeLessThan(100, "the check reads one page");
        var ids = orders.Select(o => o!["OrderId"]!.ToString()).ToList();
        ids.Should().OnlyHaveUniqueItems("no order is listed (or paid) twice");

        // Available quota = granted − paid orders.
        var paid = orders.Where(o => o!["PaymentStatus"]!.ToString() == "Paid").Sum(o => SalesKit.Dec(o!["PretaxAmount"]));
        kit.Available().Should().Be(granted - paid);

        var details = new List<JsonNode>();
        foreach (var id in ids)
            details.Add((await kit.Ok("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = id }))["Data"]!["OrderList"]!["Order"]![0]!);

        // Every instance has exactly one creating order, and every creating order made one instance.
        var creators = details.Where(d => d["OrderType"]!.ToString() == "New").Select(d => d["InstanceIDs"]!.ToString()).ToList();
        creators.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(bought);

        // No instance outlives its end time without a paid order covering it.
        var now = DateTime.Parse((await _app.CreateClient().GetFromJsonAsync<JsonObject>($"/_emulator/partners/{kit.Partner.Uid}/clock"))!["now"]!.ToString()).ToUniversalTime();
        var listed = (await kit.Ok("QueryAvailableInstances", new Dictionary<string, string> { ["PageSize"] = "300" }))["Data"]!["InstanceList"]!.AsArray();
        foreach (var i in listed)
        {
            var id = i!["InstanceID"]!.ToString();
            var end = DateTime.Parse(i["EndTime"]!.ToString()).ToUniversalTime();
            var covered = details.Where(d => d["InstanceIDs"]!.ToString() == id && d["PaymentStatus"]!.ToString() == "Paid" && d["OrderType"]!.ToString() is "New" or "Renew")
                .Max(d => DateTime.Parse(d["UsageEndTime"]!.ToString()).ToUniversalTime());
            end.Should().Be(covered, $"{id}'s end time comes from its paid orders");
            if (i["Status"]!.ToString() == "Normal") end.Should().BeAfter(now, $"{id} is running, so its term has not ended");
            else end.Should().BeOnOrBefore(now);
        }
    }
}
