using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.BssOpenApi;

namespace VirtualOperator.ContractTests.Products.Ecs;

/// <summary>
/// ECS sales through the wire: inventory, purchase, listing, refusals. The instances, prices and stock come from the
/// emulator's inventory (fixtures/seed/ecs.json) and its clock and control plane move them, so these run on the emulator.
/// </summary>
[EmulatorOnly("inventory and prices come from fixtures/seed/ecs.json; the clock and the stock control plane are used")]
public sealed class EcsTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    [ContractFact, Cost(Cost.ConsumesCustomer)]
    public async Task DescribeAvailableResource_InstanceTypesOfAZone_Snapshot()
    {
        var c = await SalesCustomer.CreateAsync(fx, 0m);
        var r = await c.EcsAsync("DescribeAvailableResource", new()
        {
            ["DestinationResource"] = "InstanceType", ["ZoneId"] = "cn-hangzhou-k", ["InstanceChargeType"] = "PrePaid", ["Cores"] = "16",
        });
        fx.MatchSnapshot("available", r);
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RunInstances_PrePaid_ThenDescribeInstances_Running_Snapshots()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (id, run) = await c.RunAsync(Ecs.Run("PrePaid", bandwidth: 5));
        fx.MatchSnapshot("run", run, new Ecs.NetworkNormalizer());
        await fx.ControlPlane!.AdvanceClockAsync(fx.Partner.Uid, TimeSpan.FromMinutes(1));
        var described = await c.EcsAsync("DescribeInstances", new() { ["InstanceIds"] = $"[\"{id}\"]" });
        described.Json["Instances"]!["Instance"]![0]!["Status"]!.GetValue<string>().Should().Be("Running");
        fx.MatchSnapshot("described", described, new Ecs.NetworkNormalizer());
        (await c.OrdersAsync(new() { ["ProductCode"] = "ecs" })).Single()!["PretaxAmount"]!.GetValue<string>().Should().Be("385.00");
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task DeleteInstance_InServicePrePaid_ChargeTypeViolation_RunningWithoutForce_IncorrectInstanceStatus()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var (prepaid, _) = await c.RunAsync(Ecs.Run("PrePaid"));
        var (payg, _) = await c.RunAsync(Ecs.Run());
        await fx.ControlPlane!.AdvanceClockAsync(fx.Partner.Uid, TimeSpan.FromMinutes(1));

        var e = await Errors.Of(() => c.EcsAsync("DeleteInstance", new() { ["InstanceId"] = prepaid, ["Force"] = "true" }));
        (e.HttpStatus, e.Code).Should().Be((403, "ChargeTypeViolation"));
        e = await Errors.Of(() => c.EcsAsync("DeleteInstance", new() { ["InstanceId"] = payg }));
        (e.HttpStatus, e.Code).Should().Be((403, "IncorrectInstanceStatus"));
        fx.MatchSnapshot("error", e);
        await c.EcsAsync("DeleteInstance", new() { ["InstanceId"] = payg, ["Force"] = "true" });
        (await c.DescribeAsync(payg)).Should().BeNull();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RunInstances_DryRun_DryRunOperation_NothingWritten()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var p = Ecs.Run("PrePaid");
        p["DryRun"] = "true";
        var e = await Errors.Of(() => c.EcsAsync("RunInstances", p));
        (e.HttpStatus, e.Code).Should().Be((400, "DryRunOperation"));
        (await c.EcsAsync("DescribeInstances")).Json["TotalCount"]!.GetValue<int>().Should().Be(0);
        (await c.OrdersAsync()).Should().BeEmpty();
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RunInstances_SoldOutZoneType_OperationDeniedNoStock()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        await fx.ControlPlane!.PostAsync($"/_emulator/partners/{fx.Partner.Uid}/ecs/stock",
            new { zoneId = "cn-hangzhou-h", instanceType = "ecs.g7.large", status = "SoldOut" });
        try
        {
            var e = await Errors.Of(() => c.EcsAsync("RunInstances", Ecs.Run()));
            (e.HttpStatus, e.Code).Should().Be((403, "OperationDenied.NoStock"));
            (await c.OrdersAsync()).Should().BeEmpty();
        }
        finally
        {
            await fx.ControlPlane!.PostAsync($"/_emulator/partners/{fx.Partner.Uid}/ecs/stock",
                new { zoneId = "cn-hangzhou-h", instanceType = "ecs.g7.large", status = "Available" });
        }
    }

    [ContractFact, Cost(Cost.SpendsMoney)]
    public async Task RunInstances_ParallelRetriesOfOneClientToken_OneOrderOneInstance()
    {
        var c = await SalesCustomer.CreateAsync(fx, 1000m);
        var p = Ecs.Run("PrePaid");
        p["ClientToken"] = "contract-ecs-token";
        var runs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => c.RunAsync(new Dictionary<string, string>(p))));
        runs.Select(r => r.Id).Distinct().Should().ContainSingle();
        (await c.OrdersAsync()).Should().ContainSingle();
        (await c.EcsAsync("DescribeInstances")).Json["TotalCount"]!.GetValue<int>().Should().Be(1);
    }

    [ContractFact, Cost(Cost.Free)]
    public async Task DescribeInstances_PartnerOwnKeysWithoutOwner_SeeNone()
    {
        var r = await fx.Client.CallAsync(Ecs.Product, Ecs.Version, "DescribeInstances", new Dictionary<string, string> { ["RegionId"] = "cn-hangzhou" });
        r.Json["TotalCount"]!.GetValue<int>().Should().Be(0);
    }
}
