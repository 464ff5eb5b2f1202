using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.BssOpenApi;

namespace VirtualOperator.ContractTests.Products.Rds;

/// <summary>RDS instances: what can be bought, buying, reading, releasing, and the refusals a real account gives.</summary>
public sealed class InstanceTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task DescribeAvailableClasses_MySqlHighAvailabilityEssd_ListsClassesWithStorageRanges()
    {
        var r = await fx.Client.CallAsync(RdsCustomer.Product, RdsCustomer.Version, "DescribeAvailableClasses", new Dictionary<string, string>
        {
            ["RegionId"] = RdsCustomer.Region, ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "MySQL", ["EngineVersion"] = "8.0",
            ["Category"] = "HighAvailability", ["DBInstanceStorageType"] = "cloud_essd", ["InstanceChargeType"] = "Prepaid",
        });
        fx.MatchSnapshot("classes", r);
        var classes = r.Json["DBInstanceClasses"]!.AsArray();
        classes.Select(c => c!["DBInstanceClass"]!.GetValue<string>()).Should().Contain(["mysql.n2.medium.2c", "mysql.n2.large.2c"]);
        classes[0]!["DBInstanceStorageRange"]!["Step"]!.GetValue<int>().Should().Be(5);
    }

    [ContractFact, ParityCandidate, Cost(Cost.Free)]
    public async Task DescribeAvailableClasses_ClassOfAnotherEdition_FailsInvalidCategory()
    {
        var e = await Errors.Of(() => fx.Client.CallAsync(RdsCustomer.Product, RdsCustomer.Version, "DescribeAvailableClasses", new Dictionary<string, string>
        {
            ["RegionId"] = RdsCustomer.Region, ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "SQLServer", ["EngineVersion"] = "2019_std_ha",
            ["Category"] = "Basic", ["DBInstanceStorageType"] = "cloud_essd",
        }));
        e.HttpStatus.Should().Be(400);
        e.Code.Should().Be("InvalidCategory.Malformed");
    }

    [ContractFact, ParityCandidate, Cost(Cost.SpendsMoney)]
    public async Task CreateDBInstance_Postpaid_RunsThenReadsBackAndReleases()
    {
        var c = await RdsCustomer.CreateAsync(fx, 1000m);
        var created = await c.CallAsync("CreateDBInstance", RdsCustomer.Purchase());
        fx.MatchSnapshot("created", created, RdsCustomer.ConnectionStrings);
        var id = created.Json["DBInstanceId"]!.GetValue<string>();
        id.Should().MatchRegex("^rm-[a-z0-9]+$");

        var attribute = await c.WaitForStatusAsync(id, "Running");
        fx.MatchSnapshot("attribute", attribute, RdsCustomer.ConnectionStrings);
        var a = attribute.Json["Items"]!["DBInstanceAttribute"]![0]!;
        a["DBInstanceClass"]!.GetValue<string>().Should().Be("mysql.n2.medium.1");
        a["DBInstanceStorage"]!.GetValue<int>().Should().Be(20);
        a["PayType"]!.GetValue<string>().Should().Be("Postpaid");

        var order = (await c.Sales.OrdersAsync(new() { ["ProductCode"] = "rds" })).Single()!;
        order["PaymentStatus"]!.GetValue<string>().Should().Be("Paid");

        await c.CallAsync("DeleteDBInstance", new() { ["DBInstanceId"] = id });
        var gone = await Errors.Of(() => c.CallAsync("DescribeDBInstanceAttribute", new() { ["DBInstanceId"] = id }));
        gone.Code.Should().Be("InvalidDBInstanceId.NotFound");
    }

    [ContractFact, ParityCandidate, Cost(Cost.SpendsMoney)]
    public async Task DeleteDBInstance_Prepaid_Fails403PrePayTypeNotSupported()
    {
        var c = await RdsCustomer.CreateAsync(fx, 1000m);
        var p = RdsCustomer.Purchase("Prepaid");
        p["Period"] = "Month";
        p["UsedTime"] = "1";
        var id = (await c.CallAsync("CreateDBInstance", p)).Json["DBInstanceId"]!.GetValue<string>();
        await c.WaitForStatusAsync(id, "Running");
        var e = await Errors.Of(() => c.CallAsync("DeleteDBInstance", new() { ["DBInstanceId"] = id }));
        fx.MatchSnapshot("error", e);
        e.HttpStatus.Should().Be(403);
        e.Code.Should().Be("OperationDenied.PrePayTypeNotSupported");
    }
}
