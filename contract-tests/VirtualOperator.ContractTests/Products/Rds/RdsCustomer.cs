using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.BssOpenApi;
using VirtualOperator.ContractTests.Snapshots;

namespace VirtualOperator.ContractTests.Products.Rds;

/// <summary>
/// A customer with credit (<see cref="SalesCustomer"/>) and the RDS calls a test makes for it with the partner's keys and
/// ResourceOwnerId, plus the wait an RDS poller does (wall time: the emulator ends transitional states after a few seconds,
/// the real service after minutes).
/// </summary>
internal sealed class RdsCustomer(ContractFixture fx, SalesCustomer customer)
{
    public const string Product = "Rds";
    public const string Version = "2014-08-15";
    public const string Region = "cn-hangzhou";

    public string Uid => customer.Uid;
    public SalesCustomer Sales => customer;

    public static async Task<RdsCustomer> CreateAsync(ContractFixture fx, decimal credit) => new(fx, await SalesCustomer.CreateAsync(fx, credit));

    public Task<AcsResponse> CallAsync(string action, Dictionary<string, string>? p = null)
    {
        p ??= [];
        p.TryAdd("ResourceOwnerId", customer.Uid);
        return fx.Client.CallAsync(Product, Version, action, p);
    }

    public static Dictionary<string, string> Purchase(string payType = "Postpaid") => new()
    {
        ["RegionId"] = Region, ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "MySQL", ["EngineVersion"] = "8.0", ["Category"] = "Basic",
        ["DBInstanceClass"] = "mysql.n2.medium.1", ["DBInstanceStorage"] = "20", ["DBInstanceStorageType"] = "cloud_essd",
        ["DBInstanceNetType"] = "Intranet", ["SecurityIPList"] = "10.0.0.0/8", ["PayType"] = payType,
    };

    public async Task<JsonObject> AttributeAsync(string id) =>
        (await CallAsync("DescribeDBInstanceAttribute", new() { ["DBInstanceId"] = id })).Json["Items"]!["DBInstanceAttribute"]![0]!.AsObject();

    /// <summary>Polls DescribeDBInstanceAttribute until the status is reached (every 2 s, up to 20 minutes for the real service).</summary>
    public async Task<AcsResponse> WaitForStatusAsync(string id, string status)
    {
        var deadline = TimeSpan.FromMinutes(fx.Target.IsEmulator ? 1 : 20);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var r = await CallAsync("DescribeDBInstanceAttribute", new() { ["DBInstanceId"] = id });
            if (r.Json["Items"]!["DBInstanceAttribute"]![0]!["DBInstanceStatus"]!.GetValue<string>() == status) return r;
            if (watch.Elapsed > deadline) throw new TimeoutException($"{id} did not become {status} in {deadline}.");
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Connection strings embed the instance id (rm-….mysql.rds.aliyuncs.com): they normalize like ids.</summary>
    public static readonly ISnapshotNormalizer ConnectionStrings = new ConnectionStringNormalizer();

    private sealed class ConnectionStringNormalizer : ISnapshotNormalizer
    {
        public string Name => "ConnectionStrings";

        public void Apply(JsonNode root, NormalizationContext context) => JsonWalk.Scalars(root, (name, v) =>
            name is "ConnectionString" && JsonWalk.Text(v) is { Length: > 0 } s && s.IndexOf('.') is > 0 and var dot
                ? JsonValue.Create(context.Placeholder("id", s[..dot]) + s[dot..])
                : v);
    }
}
