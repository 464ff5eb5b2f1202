using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.Products.Ecs;

/// <summary>
/// Model-based (CsCheck), instance state × money: random sequences of run (PrePaid, PostPaid), stop, start, modify, renew,
/// delete and clock moves over two customers of one fresh partner, over the wire. After every clock move and at the end:
/// each customer's credit spent equals the sum of its paid orders (metered usage included, to the cent), and no instance
/// is in an impossible state (status, locks, term).
/// </summary>
public sealed class EcsModelTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    private readonly ITestOutputHelper _out;

    public EcsModelTests(EmulatorFixture f, ITestOutputHelper output) => (_app, _out) = (f.App, output);

    private enum Kind { RunPrePaid, RunPostPaid, Stop, Start, ModifySpec, ModifyPrepay, Renew, Delete, Advance }

    private sealed record Op(Kind Kind, int Customer, int Target, int Arg)
    {
        public override string ToString() => $"{Kind}(c{Customer},{Target},{Arg})";
    }

    private static readonly TimeSpan[] Advances =
        [TimeSpan.FromSeconds(5), TimeSpan.FromHours(1), TimeSpan.FromHours(7), TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(20), TimeSpan.FromDays(40)];

    private static readonly string[] Types = ["ecs.c7.large", "ecs.g7.large", "ecs.c7.xlarge", "ecs.r7.large"];

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Frequency((3, Gen.Const(Kind.RunPrePaid)), (3, Gen.Const(Kind.RunPostPaid)), (2, Gen.Const(Kind.Stop)), (2, Gen.Const(Kind.Start)),
            (2, Gen.Const(Kind.ModifySpec)), (1, Gen.Const(Kind.ModifyPrepay)), (2, Gen.Const(Kind.Renew)), (1, Gen.Const(Kind.Delete)),
            (4, Gen.Const(Kind.Advance))),
        Gen.Int[0, 1], Gen.Int[0, 9], Gen.Int[0, 20], (k, c, t, a) => new Op(k, c, t, a));

    private static readonly Gen<(decimal Quota, Op[] Ops)> GenRun = Gen.Select(Gen.OneOfConst(20m, 400m, 3_000m), GenOp.Array[1, 12]);

    /// <summary>Codes a random step may legitimately meet; anything else (a 500 above all) fails the run.</summary>
    private static readonly string[] Expected =
    [
        "InvalidAccountStatus.NotEnoughBalance", "IncorrectInstanceStatus", "ChargeTypeViolation", "InvalidChargeType.NotSupported",
        "InvalidInstanceId.NotFound", "InvalidInstanceType.ValueNotSupported",
    ];

    [Fact]
    public async Task RandomEcsSequences_KeepCreditEqualToPaidOrders_AndInstancesInPossibleStates()
    {
        await GenRun.SampleAsync(async run => await RunAsync(run.Quota, run.Ops), iter: 25, threads: 1,
            print: run => $"quota {run.Quota}: {string.Join(" ", run.Ops.Select(o => o.ToString()))}",
            writeLine: _out.WriteLine);
    }

    private async Task RunAsync(decimal quota, Op[] ops)
    {
        var kit = await EcsKit.CreateAsync(_app, quota);
        var customers = new[] { kit.Customer, await kit.Sales.AddCustomerAsync(quota) };
        var instances = customers.ToDictionary(c => c, _ => new List<string>());
        var deleted = new HashSet<string>();
        foreach (var op in ops)
        {
            var customer = customers[op.Customer];
            var mine = instances[customer];
            var target = mine.Count == 0 ? null : mine[op.Target % mine.Count];
            var p = new Dictionary<string, string> { ["OwnerId"] = customer };
            if (target is not null) p["InstanceId"] = target;
            ApiResult? r = null;
            switch (op.Kind)
            {
                case Kind.RunPrePaid or Kind.RunPostPaid:
                    var run = EcsKit.Run(op.Kind == Kind.RunPrePaid ? "PrePaid" : "PostPaid", Types[op.Arg % Types.Length], bandwidth: op.Arg % 3,
                        period: 1, periodUnit: op.Arg % 2 == 0 ? "Week" : "Month");
                    run["OwnerId"] = customer;
                    run["InternetChargeType"] = "PayByBandwidth";
                    r = await kit.Call("RunInstances", run);
                    if (r.Status == HttpStatusCode.OK) mine.Add(r.Json["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString());
                    break;
                case Kind.Stop when target is not null:
                    r = await kit.Call("StopInstance", p);
                    break;
                case Kind.Start when target is not null:
                    r = await kit.Call("StartInstance", p);
                    break;
                case Kind.ModifySpec when target is not null:
                    p["InstanceType"] = Types[op.Arg % Types.Length];
                    p["InternetMaxBandwidthOut"] = (op.Arg % 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    r = await kit.Call("ModifyInstanceSpec", p);
                    break;
                case Kind.ModifyPrepay when target is not null:
                    p["InstanceType"] = Types[op.Arg % Types.Length];
                    p["OperatorType"] = op.Arg % 2 == 0 ? "upgrade" : "downgrade";
                    r = await kit.Call("ModifyPrepayInstanceSpec", p);
                    break;
                case Kind.Renew when target is not null:
                    p["Period"] = "1";
                    p["PeriodUnit"] = op.Arg % 2 == 0 ? "Week" : "Month";
                    r = await kit.Call("RenewInstance", p);
                    break;
                case Kind.Delete when target is not null:
                    p["Force"] = "true";
                    r = await kit.Call("DeleteInstance", p);
                    if (r.Status == HttpStatusCode.OK) deleted.Add(target);
                    break;
                case Kind.Advance:
                    await kit.AdvanceAsync(Advances[op.Arg % Advances.Length]);
                    foreach (var c in customers) await CheckInvariantsAsync(kit, c, quota, deleted);
                    break;
            }
            if (r is not null && r.Status != HttpStatusCode.OK)
            {
                ((int)r.Status).Should().BeLessThan(500, r.Text);
                r.Code.Should().BeOneOf(Expected, $"{op} answered {r.Text}");
            }
        }
        foreach (var c in customers) await CheckInvariantsAsync(kit, c, quota, deleted);
    }

    private async Task CheckInvariantsAsync(EcsKit kit, string customer, decimal granted, HashSet<string> deleted)
    {
        // Credit spent = the sum of the customer's paid orders (purchases, renewals, changes, metered hours).
        var orders = await kit.Sales.OrdersAsync(new Dictionary<string, string> { ["OwnerId"] = customer });
        orders.Count.Should().BeLessThan(100, "the check reads one page");
        orders.Select(o => o!["OrderId"]!.ToString()).Should().OnlyHaveUniqueItems();
        var paid = orders.Where(o => o!["PaymentStatus"]!.ToString() == "Paid").Sum(o => SalesKit.Dec(o!["PretaxAmount"]));
        kit.Available(customer).Should().Be(granted - paid, "every yuan spent is a paid order");
        kit.Available(customer).Should().BeGreaterThanOrEqualTo(0m);

        var now = DateTime.Parse((await _app.CreateClient().GetFromJsonAsync<JsonObject>($"/_emulator/partners/{kit.PartnerUid}/clock"))!["now"]!.ToString())
            .ToUniversalTime();
        var listed = (await kit.Ok("DescribeInstances", new Dictionary<string, string> { ["OwnerId"] = customer, ["PageSize"] = "100" }))
            ["Instances"]!["Instance"]!.AsArray();
        foreach (var i in listed)
        {
            var id = i!["InstanceId"]!.ToString();
            deleted.Should().NotContain(id, "a released instance is gone");
            var status = i["Status"]!.ToString();
            status.Should().BeOneOf("Pending", "Starting", "Running", "Stopping", "Stopped");
            var locks = i["OperationLocks"]!["LockReason"]!.AsArray().Select(l => l!["LockReason"]!.ToString()).ToList();
            if (locks.Count > 0) status.Should().Be("Stopped", $"{id} is locked ({string.Join(",", locks)})");
            var prepaid = i["InstanceChargeType"]!.ToString() == "PrePaid";
            if (prepaid)
            {
                locks.Should().NotContain("financial", "only pay-as-you-go is stopped for arrears");
                var end = DateTime.Parse(i["ExpiredTime"]!.ToString()).ToUniversalTime();
                if (locks.Contains("expired")) end.Should().BeOnOrBefore(now);
                else end.Should().BeAfter(now.AddMinutes(-1), $"{id} is in service, so its term has not ended");
            }
            else
            {
                locks.Should().NotContain("expired", "pay-as-you-go has no term");
            }
        }
    }
}
