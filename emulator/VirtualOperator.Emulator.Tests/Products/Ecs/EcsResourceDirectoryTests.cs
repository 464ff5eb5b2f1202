using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Ecs;

/// <summary>ECS instances bought over the wire, as other products see them through <see cref="IResourceDirectory"/>.</summary>
public sealed class EcsResourceDirectoryTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public EcsResourceDirectoryTests(EmulatorFixture f) => _app = f.App;

    private IResourceDirectory Directory(EcsKit kit) => kit.Service<IEnumerable<IResourceDirectory>>().Single(d => d.ProductCode == "ecs");

    [Fact]
    public async Task RunInstances_WithBandwidth_IsARunningInstanceWithAPublicIp_OnceLaunched()
    {
        var kit = await EcsKit.CreateAsync(_app);
        var (id, _) = await kit.RunAsync(EcsKit.Run(bandwidth: 5));
        var (bare, _) = await kit.RunAsync(EcsKit.Run(bandwidth: 0));

        Directory(kit).Find(kit.PartnerUid, id)!.Status.Should().BeOneOf("Pending", "Starting", "Running");
        await kit.AdvanceAsync(TimeSpan.FromMinutes(1));

        var view = Directory(kit).Find(kit.PartnerUid, id)!;
        view.Running.Should().BeTrue();
        view.Status.Should().Be("Running");
        view.OwnerUid.Should().Be(kit.Customer);
        view.PublicIp.Should().MatchRegex(@"^\d+\.\d+\.\d+\.\d+$");
        var described = await kit.DescribeAsync(id);
        described!["PublicIpAddress"]!["IpAddress"]![0]!.ToString().Should().Be(view.PublicIp);

        Directory(kit).Find(kit.PartnerUid, bare)!.PublicIp.Should().BeNull("InternetMaxBandwidthOut 0 allocates no public IP");
        Directory(kit).ForPartner(kit.PartnerUid).Select(v => v.ResourceId).Should().Equal(id, bare);
        Directory(kit).Find("1688000000000001", id).Should().BeNull("another partner's directory does not hold it");
    }

    [Fact]
    public async Task ReleasedInstance_IsNotRunning()
    {
        var kit = await EcsKit.CreateAsync(_app);
        var (id, _) = await kit.RunAsync(EcsKit.Run(bandwidth: 5));
        await kit.AdvanceAsync(TimeSpan.FromMinutes(1));
        await kit.Ok("DeleteInstance", new Dictionary<string, string> { ["InstanceId"] = id, ["Force"] = "true" });

        var view = Directory(kit).Find(kit.PartnerUid, id)!;
        view.Status.Should().Be("Released");
        view.Running.Should().BeFalse();
        view.PublicIp.Should().BeNull();
        (await kit.DescribeAsync(id)).Should().BeNull();
    }
}
