using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Products.BssOpenApi;
using VirtualOperator.ContractTests.Snapshots;

namespace VirtualOperator.ContractTests.Products.Ecs;

/// <summary>ECS calls as the official SDK makes them (V3, JSON), for the contract tests, on behalf of a customer (OwnerId).</summary>
internal static partial class Ecs
{
    public const string Product = "Ecs";
    public const string Version = "2014-05-26";
    public const string Image = "aliyun_3_x64_20G_alibase_20240528.vhd";

    public static Task<AcsResponse> EcsAsync(this SalesCustomer c, string action, Dictionary<string, string>? p = null)
    {
        p ??= [];
        p.TryAdd("OwnerId", c.Uid);
        p.TryAdd("RegionId", "cn-hangzhou");
        return c.Client.CallAsync(Product, Version, action, p);
    }

    public static Dictionary<string, string> Run(string chargeType = "PostPaid", int bandwidth = 0) => new()
    {
        ["InstanceType"] = "ecs.g7.large", ["ImageId"] = Image, ["InstanceChargeType"] = chargeType, ["ZoneId"] = "cn-hangzhou-h",
        ["InternetMaxBandwidthOut"] = bandwidth.ToString(System.Globalization.CultureInfo.InvariantCulture), ["InternetChargeType"] = "PayByBandwidth",
        ["InstanceName"] = "contract-web", ["HostName"] = "contract-web", ["Period"] = "1", ["PeriodUnit"] = "Month",
    };

    public static async Task<(string Id, AcsResponse Response)> RunAsync(this SalesCustomer c, Dictionary<string, string>? p = null)
    {
        var r = await c.EcsAsync("RunInstances", p ?? Run());
        return (r.Json["InstanceIdSets"]!["InstanceIdSet"]![0]!.GetValue<string>(), r);
    }

    public static async Task<JsonObject?> DescribeAsync(this SalesCustomer c, string id) =>
        (await c.EcsAsync("DescribeInstances", new() { ["InstanceIds"] = $"[\"{id}\"]" })).Json["Instances"]!["Instance"]!.AsArray().SingleOrDefault()?.AsObject();

    /// <summary>Addresses, MACs, serial numbers and ids in id lists (InstanceIdSet) are drawn at random: snapshots hold placeholders.</summary>
    public sealed partial class NetworkNormalizer : ISnapshotNormalizer
    {
        public string Name => "EcsNetwork";

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
            JsonWalk.Text(v) is not { } s ? v
            : EcsId().IsMatch(s) ? JsonWalk.Placeholder(v, context.Placeholder("id", s))
            : Ipv4().IsMatch(s) ? JsonValue.Create("<ip>")
            : name is "MacAddress" ? JsonValue.Create("<mac>")
            : name is "SerialNumber" ? JsonValue.Create("<serial>")
            : v);

        [GeneratedRegex(@"^(i|ecsri|eni)-[a-z0-9]{20}$")]
        private static partial Regex EcsId();

        [GeneratedRegex(@"^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$")]
        private static partial Regex Ipv4();
    }
}
