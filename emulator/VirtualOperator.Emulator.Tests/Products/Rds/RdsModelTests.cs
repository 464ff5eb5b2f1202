using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsCheck;
using VirtualOperator.Emulator.Tests.Support;
using Xunit.Abstractions;

namespace VirtualOperator.Emulator.Tests.Products.Rds;

/// <summary>
/// Model-based: random sequences over the instance graph (primaries, read-only instances, backups, clones) and money
/// (Prepaid purchases, renewals, upgrades, Postpaid deletes) with clock moves, run over the wire against a fresh partner each
/// (states on the virtual clock only). After every clock move and at the end: every yuan is accounted for by a paid order,
/// every instance has exactly one creating order, the read-only graph is consistent and within its limit, released instances
/// are gone, and a Running subscription has not outlived its term.
/// </summary>
public sealed class RdsModelTests : IDisposable
{
    private readonly EmulatorApplication _app = RdsKit.VirtualOnlyApp();
    private readonly ITestOutputHelper _out;

    public RdsModelTests(ITestOutputHelper output) => _out = output;

    public void Dispose() => _app.Dispose();

    private enum Kind { BuyPrepaid, BuyPostpaid, BuyBasic, ReadOnly, Backup, Clone, Renew, Upgrade, Delete, Advance }

    private sealed record Op(Kind Kind, int Target, int Arg)
    {
        public override string ToString() => $"{Kind}({Target},{Arg})";
    }

    private static readonly TimeSpan[] Advances =
        [TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(3), TimeSpan.FromDays(1), TimeSpan.FromDays(10), TimeSpan.FromDays(31)];

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Frequency((2, Gen.Const(Kind.BuyPrepaid)), (2, Gen.Const(Kind.BuyPostpaid)), (1, Gen.Const(Kind.BuyBasic)), (3, Gen.Const(Kind.ReadOnly)),
            (2, Gen.Const(Kind.Backup)), (2, Gen.Const(Kind.Clone)), (1, Gen.Const(Kind.Renew)), (1, Gen.Const(Kind.Upgrade)),
            (3, Gen.Const(Kind.Delete)), (6, Gen.Const(Kind.Advance))),
        Gen.Int[0, 9], Gen.Int[0, 9], (k, t, a) => new Op(k, t, a));

    private static readonly Gen<(decimal Quota, Op[] Ops)> GenRun = Gen.Select(Gen.OneOfConst(600m, 3_000m), GenOp.Array[6, 16]);

    /// <summary>Codes a random step may legitimately meet; anything else (a 500 above all) fails the run.</summary>
    private static readonly string[] Expected =
    [
        "InsufficientQuota", "OperationDenied.DBInstanceStatus", "OperationDenied.PrePayTypeNotSupported", "OperationDenied.ReadDBInstanceExists",
        "OperationDenied.ReadDBInstanceNotSupported", "OperationDenied.DBInstanceType", "QuotaExceeded.ReadDBInstance", "InvalidDBInstanceId.NotFound",
        "InvalidBackupSetID.NotFound", "InvalidParameter", "MissingParameter",
        // A read-only instance of 100 GB after an Upgrade grew its primary past 100 GB (storage at least the primary's, docs/rds.md [C]).
        "InvalidDBInstanceStorage.Malformed",
    ];

    [Fact]
    public async Task RandomInstanceGraphAndMoneySequences_KeepTheirInvariants()
    {
        await GenRun.SampleAsync(async run => await RunAsync(run.Quota, run.Ops), iter: 30, threads: 1,
            print: run => $"quota {run.Quota}: {string.Join(" ", run.Ops.Select(o => o.ToString()))}", writeLine: _out.WriteLine);
    }

    private async Task RunAsync(decimal quota, Op[] ops)
    {
        var kit = await RdsKit.CreateAsync(_app, quota);
        var created = new List<string>();
        var released = new HashSet<string>();
        foreach (var op in ops)
        {
            var target = created.Count == 0 ? null : created[op.Target % created.Count];
            ApiResult? r = null;
            switch (op.Kind)
            {
                case Kind.BuyPrepaid or Kind.BuyPostpaid or Kind.BuyBasic:
                    var buy = op.Kind == Kind.BuyBasic
                        ? RdsKit.Buy("Postpaid", "Basic", "mysql.n2.medium.1", storage: 20)
                        : RdsKit.Buy(op.Kind == Kind.BuyPrepaid ? "Prepaid" : "Postpaid", autoRenew: op.Arg % 2 == 0);
                    r = await kit.Call("CreateDBInstance", buy);
                    if (r.Status == HttpStatusCode.OK) created.Add(r.Json["DBInstanceId"]!.ToString());
                    break;
                case Kind.ReadOnly when target is not null:
                    r = await kit.Call("CreateReadOnlyDBInstance", new Dictionary<string, string>
                    {
                        ["DBInstanceId"] = target, ["RegionId"] = RdsKit.Region, ["ZoneId"] = "cn-hangzhou-i", ["EngineVersion"] = "8.0",
                        ["DBInstanceClass"] = "mysql.n2.medium.1", ["DBInstanceStorage"] = "100", ["PayType"] = "Postpaid",
                    });
                    if (r.Status == HttpStatusCode.OK) created.Add(r.Json["DBInstanceId"]!.ToString());
                    break;
                case Kind.Backup when target is not null:
                    r = await kit.Call("CreateBackup", new Dictionary<string, string> { ["DBInstanceId"] = target });
                    break;
                case Kind.Clone when target is not null:
                    var backups = await kit.Call("DescribeBackups", new Dictionary<string, string> { ["DBInstanceId"] = target });
                    var backupId = backups.Status == HttpStatusCode.OK ? backups.Json["Items"]!["Backup"]!.AsArray().FirstOrDefault()?["BackupId"]?.ToString() : null;
                    r = await kit.Call("CloneDBInstance", new Dictionary<string, string>
                    {
                        ["DBInstanceId"] = target, ["BackupId"] = backupId ?? "1", ["PayType"] = op.Arg % 3 == 0 ? "Prepaid" : "Postpaid",
                        ["Period"] = "Month", ["UsedTime"] = "1",
                    });
                    if (r.Status == HttpStatusCode.OK) created.Add(r.Json["DBInstanceId"]!.ToString());
                    break;
                case Kind.Renew when target is not null:
                    r = await kit.Call("RenewInstance", new Dictionary<string, string> { ["DBInstanceId"] = target, ["Period"] = (op.Arg % 3 + 1).ToString() });
                    break;
                case Kind.Upgrade when target is not null:
                    r = await kit.Call("ModifyDBInstanceSpec", new Dictionary<string, string>
                    {
                        ["DBInstanceId"] = target, ["DBInstanceStorage"] = (100 + 5 * (op.Arg + 1)).ToString(),
                    });
                    break;
                case Kind.Delete when target is not null:
                    r = await kit.Call("DeleteDBInstance", new Dictionary<string, string> { ["DBInstanceId"] = target });
                    if (r.Status == HttpStatusCode.OK) released.Add(target);
                    break;
                case Kind.Advance:
                    await kit.AdvanceAsync(Advances[op.Arg % Advances.Length]);
                    await CheckInvariantsAsync(kit, created, released, quota);
                    break;
            }
            if (r is not null && r.Status != HttpStatusCode.OK)
            {
                ((int)r.Status).Should().BeLessThan(500, r.Text);
                r.Code.Should().BeOneOf(Expected, $"{op} answered {r.Text}");
            }
        }
        await CheckInvariantsAsync(kit, created, released, quota);
    }

    private async Task CheckInvariantsAsync(RdsKit kit, List<string> created, HashSet<string> deleted, decimal granted)
    {
        // Money: available credit = granted − every paid order; each instance has exactly one creating order.
        var orders = await kit.Sales.OrdersAsync();
        orders.Count.Should().BeLessThan(100, "the check reads one page");
        var paid = orders.Where(o => o!["PaymentStatus"]!.ToString() == "Paid").Sum(o => RdsKitMoney.Dec(o!["PretaxAmount"]));
        kit.Sales.Available().Should().Be(granted - paid);
        var news = new List<string>();
        foreach (var o in orders.Where(o => o!["OrderType"]!.ToString() == "New"))
        {
            o!["ProductCode"]!.ToString().Should().Be("rds");
            var detail = (await kit.Sales.Ok("GetOrderDetail", new Dictionary<string, string> { ["OrderId"] = o["OrderId"]!.ToString() }))["Data"]!["OrderList"]!["Order"]![0]!;
            news.Add(detail["InstanceIDs"]!.ToString());
        }
        news.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(created);

        // Graph: what is listed is what was created and not released; read-only instances hang off listed primaries.
        var now = DateTime.Parse((await _app.CreateClient().GetFromJsonAsync<JsonObject>($"/_emulator/partners/{kit.Sales.Partner.Uid}/clock"))!["now"]!.ToString()).ToUniversalTime();
        var listed = (await kit.ListAsync()).Select(i => i!.AsObject()).ToList();
        var ids = listed.Select(i => i["DBInstanceId"]!.ToString()).ToList();
        ids.Should().OnlyHaveUniqueItems().And.BeSubsetOf(created).And.NotIntersectWith(deleted);
        foreach (var i in listed)
        {
            var id = i["DBInstanceId"]!.ToString();
            var status = i["DBInstanceStatus"]!.ToString();
            status.Should().BeOneOf("Creating", "Running", "Stopped", "DBInstanceClassChanging", "INS_CLONING");
            var readOnly = i["ReadOnlyDBInstanceIds"]!["ReadOnlyDBInstanceId"]!.AsArray().Select(r => r!["DBInstanceId"]!.ToString()).ToList();
            if (i["DBInstanceType"]!.ToString() == "Readonly")
            {
                readOnly.Should().BeEmpty();
                var master = i["MasterInstanceId"]!.ToString();
                listed.Should().Contain(p => p["DBInstanceId"]!.ToString() == master, $"{id}'s primary {master} cannot be released before it");
            }
            else
            {
                readOnly.Should().BeEquivalentTo(listed.Where(r => r["MasterInstanceId"]!.ToString() == id).Select(r => r["DBInstanceId"]!.ToString()));
                readOnly.Count.Should().BeLessThanOrEqualTo(10);
            }
            if (i["PayType"]!.ToString() == "Prepaid")
            {
                var end = DateTime.Parse(i["ExpireTime"]!.ToString()).ToUniversalTime();
                if (status != "Stopped") end.Should().BeAfter(now, $"{id} is in service, so its term has not ended");
                else end.Should().BeOnOrBefore(now);
            }
            else i["ExpireTime"]!.ToString().Should().BeEmpty();
        }
    }
}

internal static class RdsKitMoney
{
    public static decimal Dec(JsonNode? n) => decimal.Parse(n!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
}
