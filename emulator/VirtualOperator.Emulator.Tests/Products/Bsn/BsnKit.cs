using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Bsn;

/// <summary>
/// Instances Bsn can see without ECS: a test's own <see cref="IResourceDirectory"/> for product "ecs", registered beside
/// whatever the emulator registers, so each state (Running with or without a public IP, Stopped, Released) is one call.
/// </summary>
public sealed class TestInstances : IResourceDirectory
{
    private readonly ConcurrentDictionary<(string Partner, string Id), ResourceView> _items = new();

    public string ProductCode => "ecs";

    public ResourceView? Find(string partnerUid, string resourceId) => _items.GetValueOrDefault((partnerUid, resourceId));

    public IEnumerable<ResourceView> ForPartner(string partnerUid) => _items.Values.Where(r => r.PartnerUid == partnerUid).OrderBy(r => r.ResourceId);

    public string Run(string partnerUid, string ownerUid, string? publicIp = "47.96.10.20", string status = "Running")
    {
        var id = "i-test" + Guid.NewGuid().ToString("N")[..14];
        _items[(partnerUid, id)] = new ResourceView(partnerUid, ownerUid, "ecs", id, status, status == "Running", publicIp, "cn-hangzhou", null);
        return id;
    }

    public void SetStatus(string partnerUid, string id, string status) =>
        _items[(partnerUid, id)] = _items[(partnerUid, id)] with { Status = status, Running = status == "Running" };
}

/// <summary>One emulator with <see cref="TestInstances"/> registered, shared by a test class.</summary>
public sealed class BsnFixture : IDisposable
{
    public TestInstances Instances { get; } = new();
    public EmulatorApplication App { get; }

    public BsnFixture() => App = new EmulatorApplication(services: s => s.AddSingleton<IResourceDirectory>(Instances));

    public void Dispose() => App.Dispose();
}

public static class BsnCalls
{
    public const string Version = "2015-05-12";

    /// <summary>A Bsn call the way pop-core sends it by default: every parameter name with a capital first letter.</summary>
    public static Task<ApiResult> Pop(this SignedClient c, string action, IDictionary<string, string> p) =>
        c.V1(char.ToUpperInvariant(action[0]) + action[1..], Version,
            p.ToDictionary(kv => char.ToUpperInvariant(kv.Key[0]) + kv.Key[1..], kv => kv.Value), HttpMethod.Post);

    public static async Task<IReadOnlyList<string>> BindAsync(this PartnerSession p, string customer, string instance, int num = 1)
    {
        var r = await p.Signed.Pop("ProductBindBsn", new Dictionary<string, string>
            { ["aliuid"] = customer, ["num"] = num.ToString(), ["resourceId"] = instance, ["resourceType"] = "1" });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json["datas"]!["bsnDO"]!.AsArray().Select(n => n!["sn"]!.ToString()).ToList();
    }

    public static async Task<JsonObject> LookUpAsync(this PartnerSession p, string sn)
    {
        var r = await p.Signed.Pop("GetBsnBySn", new Dictionary<string, string> { ["sn"] = sn });
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json;
    }

    public static async Task<List<string>> EventTypesAsync(this PartnerSession p) =>
        (await p.ControlGet($"/_emulator/partners/{p.Uid}/messages")).AsArray().Select(m => m!["eventType"]!.ToString()).ToList();
}
