using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Ecs;

/// <summary>
/// A PrePaid instance on the shared subscription lifecycle: listed by BSS QueryAvailableInstances, expiring notice 7 days
/// before, Stopped with lock expired at the end, released 15 days later; and the partner events of each step.
/// </summary>
public sealed class EcsLifecycleTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public EcsLifecycleTests(EmulatorFixture f) => _app = f.App;

    private async Task<List<(string Type, string? Instance)>> EventsAsync(EcsKit kit) =>
        (await _app.CreateClient().GetFromJsonAsync<JsonArray>($"/_emulator/partners/{kit.PartnerUid}/messages"))!
            .Select(m => JsonNode.Parse(m!["messageBody"]!.ToString())!)
            .Select(b => (b["EventType"]!.ToString(), b["Data"]?["InstanceId"]?.ToString())).ToList();

    [Fact]
    public async Task PrePaid_Expires_StoppedWithExpiredLock_ThenReleased_WithEvents()
    {
        var kit = await EcsKit.CreateAsync(_app);
        var (id, _) = await kit.RunAsync(EcsKit.Run("PrePaid", periodUnit: "Week"));
        var listed = (await kit.Sales.Ok("QueryAvailableInstances", new Dictionary<string, string> { ["ProductCode"] = "ecs" }))["Data"]!["InstanceList"]!.AsArray();
        listed.Select(i => i!["InstanceID"]!.ToString()).Should().Equal(id);

        await kit.AdvanceAsync(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var expired = (await kit.DescribeAsync(id))!;
        expired["Status"]!.ToString().Should().Be("Stopped");
        expired["OperationLocks"]!["LockReason"]![0]!["LockReason"]!.ToString().Should().Be("expired");
        (await kit.Call("StartInstance", new Dictionary<string, string> { ["InstanceId"] = id })).Code.Should().Be("IncorrectInstanceStatus");

        await kit.AdvanceAsync(TimeSpan.FromDays(15));
        (await kit.DescribeAsync(id)).Should().BeNull("released 15 days after the end of the term");
        (await EventsAsync(kit)).Where(e => e.Instance == id).Select(e => e.Type).Should().ContainInOrder(
            "EcsInstanceCreated", "InstanceExpiringSoon", "InstanceExpired", "InstanceReleased");
    }

    [Fact]
    public async Task RenewingAnExpiredInstance_BringsItBack()
    {
        var kit = await EcsKit.CreateAsync(_app);
        var (id, _) = await kit.RunAsync(EcsKit.Run("PrePaid", periodUnit: "Week"));
        await kit.AdvanceAsync(TimeSpan.FromDays(8));
        (await kit.DescribeAsync(id))!["OperationLocks"]!["LockReason"]!.AsArray().Should().HaveCount(1);
        await kit.Ok("RenewInstance", new Dictionary<string, string> { ["InstanceId"] = id, ["Period"] = "1", ["PeriodUnit"] = "Month" });
        var back = (await kit.DescribeAsync(id))!;
        back["OperationLocks"]!["LockReason"]!.AsArray().Should().BeEmpty();
        back["Status"]!.ToString().Should().Be("Running");
    }
}
