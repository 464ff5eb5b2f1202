using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Rds;

/// <summary>RDS states and money on the virtual clock alone (wall bound raised to a day), over the wire.</summary>
public sealed class RdsLifecycleTests : IDisposable
{
    private readonly EmulatorApplication _app = RdsKit.VirtualOnlyApp();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task CreateDBInstance_IsCreatingForFiveVirtualMinutes_ThenRunning()
    {
        var kit = await RdsKit.CreateAsync(_app);
        var id = await kit.CreateAsync();
        (await kit.AttributeAsync(id))["DBInstanceStatus"]!.ToString().Should().Be("Creating");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(4));
        (await kit.AttributeAsync(id))["DBInstanceStatus"]!.ToString().Should().Be("Creating");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(2));
        (await kit.AttributeAsync(id))["DBInstanceStatus"]!.ToString().Should().Be("Running");

        var r = await kit.Call("ModifyDBInstanceSpec", new Dictionary<string, string> { ["DBInstanceId"] = id, ["DBInstanceClass"] = "mysql.n2.large.2c" });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        (await kit.AttributeAsync(id))["DBInstanceStatus"]!.ToString().Should().Be("DBInstanceClassChanging");
        var busy = await kit.Call("CreateBackup", new Dictionary<string, string> { ["DBInstanceId"] = id });
        busy.Code.Should().Be("OperationDenied.DBInstanceStatus");
        busy.Status.Should().Be(HttpStatusCode.Forbidden);
        await kit.AdvanceAsync(TimeSpan.FromMinutes(11));
        var after = await kit.AttributeAsync(id);
        after["DBInstanceStatus"]!.ToString().Should().Be("Running");
        after["DBInstanceClass"]!.ToString().Should().Be("mysql.n2.large.2c");
    }

    [Fact]
    public async Task Prepaid_ExpiresLockedThenIsReleased_WithTheSalesEventsOfProductRds()
    {
        var kit = await RdsKit.CreateAsync(_app);
        var id = await kit.CreateAsync(RdsKit.Buy("Prepaid"));
        await kit.AdvanceAsync(TimeSpan.FromDays(32));
        var expired = await kit.AttributeAsync(id);
        expired["DBInstanceStatus"]!.ToString().Should().Be("Stopped");
        expired["LockMode"]!.ToString().Should().Be("LockByExpiration");
        await kit.AdvanceAsync(TimeSpan.FromDays(16));
        var gone = await kit.Call("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = id });
        gone.Code.Should().Be("InvalidDBInstanceId.NotFound");
        gone.Status.Should().Be(HttpStatusCode.NotFound);

        var events = (await kit.Sales.EventsAsync()).Where(e => e!["instanceId"]?.ToString() == id).Select(e => e!["type"]!.ToString()).ToList();
        events.Should().ContainInOrder("OrderPaid", "RdsInstanceCreated", "InstanceExpiringSoon", "InstanceExpired", "InstanceReleased");
    }

    [Fact]
    public async Task Prepaid_ReleasedAfterExpiry_TakesItsPostpaidReadOnlyInstance_AndEndsItsMetering()
    {
        var kit = await RdsKit.CreateAsync(_app, quota: 3_000m);
        var id = await kit.CreateAsync(RdsKit.Buy("Prepaid"));
        await kit.AdvanceAsync(TimeSpan.FromMinutes(6));
        var ro = (await kit.Ok("CreateReadOnlyDBInstance", new Dictionary<string, string>
        {
            ["DBInstanceId"] = id, ["RegionId"] = RdsKit.Region, ["ZoneId"] = "cn-hangzhou-i", ["EngineVersion"] = "8.0",
            ["DBInstanceClass"] = "mysql.n2.medium.1", ["DBInstanceStorage"] = "100", ["PayType"] = "Postpaid",
        }))["DBInstanceId"]!.ToString();
        await kit.AdvanceAsync(TimeSpan.FromDays(32));
        (await kit.AttributeAsync(id))["DBInstanceStatus"]!.ToString().Should().Be("Stopped");
        (await kit.AttributeAsync(ro))["DBInstanceStatus"]!.ToString().Should().Be("Running");

        // 15 days after the term ended the primary is released, and its read-only instance in the same step.
        await kit.AdvanceAsync(TimeSpan.FromDays(16));
        (await kit.Call("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = ro })).Code.Should().Be("InvalidDBInstanceId.NotFound");
        (await kit.ListAsync()).Should().BeEmpty();
        var events = (await kit.Sales.EventsAsync()).Select(e => (Type: e!["type"]!.ToString(), Id: e["instanceId"]?.ToString())).ToList();
        events.Should().Contain(("InstanceReleased", id)).And.Contain(("InstanceReleased", ro));

        // Released means no longer metered: a further day charges nothing.
        var before = kit.Sales.Available();
        await kit.AdvanceAsync(TimeSpan.FromDays(1));
        kit.Sales.Available().Should().Be(before);
    }

    [Fact]
    public async Task AutoRenew_RenewsFromTheCustomersCredit_AtTheSubscriptionPrice()
    {
        var kit = await RdsKit.CreateAsync(_app, quota: 2_000m);
        var id = await kit.CreateAsync(RdsKit.Buy("Prepaid", autoRenew: true));
        var end = DateTime.Parse((await kit.AttributeAsync(id))["ExpireTime"]!.ToString()).ToUniversalTime();
        await kit.AdvanceAsync(TimeSpan.FromDays(31));
        var a = await kit.AttributeAsync(id);
        a["DBInstanceStatus"]!.ToString().Should().Be("Running");
        DateTime.Parse(a["ExpireTime"]!.ToString()).ToUniversalTime().Should().Be(end.AddMonths(1));
        // 420 (mysql.n2.medium.2c) + 100 GB × 1.00 (cloud_essd) a month: the purchase and one renewal.
        kit.Sales.Available().Should().Be(2_000m - 2 * 520m);
        var renewals = await kit.Sales.OrdersAsync(new Dictionary<string, string> { ["OrderType"] = "Renew", ["ProductCode"] = "rds" });
        renewals.Should().ContainSingle().Which!["PretaxAmount"]!.ToString().Should().Be("520.00");
    }

    [Fact]
    public async Task ModifyDBInstanceSpec_PrepaidUpgrade_ChargesTheMonthlyDifferenceForTheDaysLeft()
    {
        var kit = await RdsKit.CreateAsync(_app, quota: 5_000m);
        var id = await kit.CreateAsync(RdsKit.Buy("Prepaid"));
        await kit.AdvanceAsync(TimeSpan.FromDays(10));
        var before = kit.Sales.Available();
        var end = DateTime.Parse((await kit.AttributeAsync(id))["ExpireTime"]!.ToString()).ToUniversalTime();
        var now = DateTime.Parse((await kit.Sales.Client.Http.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/_emulator/partners/{kit.Sales.Partner.Uid}/clock"))!["now"]!.ToString()).ToUniversalTime();
        var days = (int)Math.Ceiling((end - now).TotalDays);
        (await kit.Ok("ModifyDBInstanceSpec", new Dictionary<string, string> { ["DBInstanceId"] = id, ["DBInstanceClass"] = "mysql.n2.large.2c" }))["OrderId"]!
            .GetValue<long>().Should().BePositive();
        var cost = Math.Round((840m - 420m) * days / 30m, 2, MidpointRounding.AwayFromZero);
        kit.Sales.Available().Should().Be(before - cost);

        var down = await kit.Call("ModifyDBInstanceSpec", new Dictionary<string, string> { ["DBInstanceId"] = id, ["DBInstanceClass"] = "mysql.n2.medium.2c" });
        down.Code.Should().Be("OperationDenied.DBInstanceStatus", "it is still changing class");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(11));
        var wrongWay = await kit.Call("ModifyDBInstanceSpec", new Dictionary<string, string> { ["DBInstanceId"] = id, ["DBInstanceClass"] = "mysql.n2.medium.2c" });
        wrongWay.Code.Should().Be("InvalidParameter", "a subscription is lowered with Direction=Down");
        (await kit.Ok("ModifyDBInstanceSpec", new Dictionary<string, string> { ["DBInstanceId"] = id, ["DBInstanceClass"] = "mysql.n2.medium.2c", ["Direction"] = "Down" }))
            .Should().NotBeNull();
        kit.Sales.Available().Should().Be(before - cost, "a downgrade refunds nothing [I]");
    }

    [Fact]
    public async Task Customers_SeeOnlyTheirOwnInstances_AndTheResourceDirectoryFollowsTheLifecycle()
    {
        var kit = await RdsKit.CreateAsync(_app);
        var id = await kit.CreateAsync();
        var other = await kit.Sales.AddCustomerAsync(1_000m);
        var otherSts = await kit.Sales.AsCustomerAsync(other);
        var r = await kit.Call("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = id }, otherSts);
        r.Code.Should().Be("InvalidDBInstanceId.NotFound");
        var list = await kit.Call("DescribeDBInstances", new Dictionary<string, string> { ["RegionId"] = RdsKit.Region }, otherSts);
        list.Json["TotalRecordCount"]!.GetValue<int>().Should().Be(0);
        var named = await kit.Call("DescribeDBInstances", new Dictionary<string, string> { ["RegionId"] = RdsKit.Region, ["ResourceOwnerId"] = kit.Customer }, otherSts);
        named.Code.Should().Be("InvalidOwner");

        var directory = _app.Services.GetServices<IResourceDirectory>().Single(d => d.ProductCode == "rds");
        directory.Find(kit.Sales.Partner.Uid, id)!.Status.Should().Be("Creating");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(6));
        var view = directory.Find(kit.Sales.Partner.Uid, id)!;
        (view.Running, view.OwnerUid, view.RegionId).Should().Be((true, kit.Customer, RdsKit.Region));
        directory.ForPartner(kit.Sales.Partner.Uid).Select(v => v.ResourceId).Should().Equal(id);
        directory.Find("someone-else", id).Should().BeNull();
        await kit.Ok("DeleteDBInstance", new Dictionary<string, string> { ["DBInstanceId"] = id });
        directory.Find(kit.Sales.Partner.Uid, id)!.Status.Should().Be("Released");
    }

    [Fact]
    public async Task Backups_FinishOnTheClock_AndRestoresStayInsideTheRetentionWindow()
    {
        var kit = await RdsKit.CreateAsync(_app);
        var id = await kit.CreateAsync();
        await kit.AdvanceAsync(TimeSpan.FromMinutes(6));
        await kit.Ok("CreateBackup", new Dictionary<string, string> { ["DBInstanceId"] = id });
        var listed = await kit.Ok("DescribeBackups", new Dictionary<string, string> { ["DBInstanceId"] = id });
        listed["TotalRecordCount"]!.ToString().Should().Be("0", "a backup is listed once finished");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(3));
        var backups = (await kit.Ok("DescribeBackups", new Dictionary<string, string> { ["DBInstanceId"] = id }))["Items"]!["Backup"]!.AsArray();
        var backupId = backups.Should().ContainSingle().Which!["BackupId"]!.ToString();

        await kit.AdvanceAsync(TimeSpan.FromDays(8));
        var tooOld = await kit.Call("CloneDBInstance", new Dictionary<string, string> { ["DBInstanceId"] = id, ["BackupId"] = backupId, ["PayType"] = "Postpaid" });
        tooOld.Code.Should().Be("InvalidBackupSetID.NotFound", "the default retention is 7 days");
        var early = await kit.Call("CloneDBInstance", new Dictionary<string, string>
        {
            ["DBInstanceId"] = id, ["RestoreTime"] = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["PayType"] = "Postpaid",
        });
        early.Code.Should().Be("InvalidRestoreTime.Malformed");
        var inside = await kit.Call("CloneDBInstance", new Dictionary<string, string>
        {
            ["DBInstanceId"] = id, ["RestoreTime"] = DateTime.UtcNow.AddDays(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), ["PayType"] = "Postpaid",
        });
        inside.Status.Should().Be(HttpStatusCode.OK, inside.Text);
        (await kit.AttributeAsync(inside.Json["DBInstanceId"]!.ToString()))["DBInstanceStatus"]!.ToString().Should().Be("INS_CLONING");
    }

    [Fact]
    public async Task Postpaid_IsMeteredHourly_ThenStoppedForArrears_ThenReleasedWithItsReadOnlyInstance()
    {
        var kit = await RdsKit.CreateAsync(_app, quota: 100m);
        var id = await kit.CreateAsync();
        await kit.AdvanceAsync(TimeSpan.FromMinutes(6));
        var ro = (await kit.Ok("CreateReadOnlyDBInstance", new Dictionary<string, string>
        {
            ["DBInstanceId"] = id, ["RegionId"] = RdsKit.Region, ["ZoneId"] = "cn-hangzhou-i", ["EngineVersion"] = "8.0",
            ["DBInstanceClass"] = "mysql.n2.medium.1", ["DBInstanceStorage"] = "100", ["PayType"] = "Postpaid",
        }))["DBInstanceId"]!.ToString();
        await kit.AdvanceAsync(TimeSpan.FromHours(10));
        // 0.87 + 100 GB × 0.002 = 1.07 an hour for the primary, 0.33 + 0.20 = 0.53 for the read-only one.
        var usage = await kit.Sales.OrdersAsync(new Dictionary<string, string> { ["OrderType"] = "PayAsYouGoUsage" });
        usage.Should().NotBeEmpty();
        var paid = usage.Where(o => o!["PaymentStatus"]!.ToString() == "Paid").Sum(o => RdsKitMoney.Dec(o!["PretaxAmount"]));
        kit.Sales.Available().Should().Be(100m - paid);
        paid.Should().Be(10 * 1.07m + 10 * 0.53m, "ten whole hours of each since it started");

        // The remaining 84 last about 52 hours; then 24 hours of grace.
        await kit.AdvanceAsync(TimeSpan.FromDays(5));
        var stopped = await kit.AttributeAsync(id);
        stopped["DBInstanceStatus"]!.ToString().Should().Be("Stopped");
        stopped["LockMode"]!.ToString().Should().Be("LockByArrearage");
        (await kit.Call("CreateBackup", new Dictionary<string, string> { ["DBInstanceId"] = id })).Code.Should().Be("OperationDenied.DBInstanceStatus");

        await kit.AdvanceAsync(TimeSpan.FromDays(16));
        (await kit.Call("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = id })).Code.Should().Be("InvalidDBInstanceId.NotFound");
        (await kit.Call("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = ro })).Code.Should().Be("InvalidDBInstanceId.NotFound");
        var events = (await kit.Sales.EventsAsync()).Select(e => (Type: e!["type"]!.ToString(), Id: e["instanceId"]?.ToString())).ToList();
        events.Should().Contain(("PayAsYouGoStopped", id)).And.Contain(("InstanceReleased", id)).And.Contain(("InstanceReleased", ro));
    }
}
