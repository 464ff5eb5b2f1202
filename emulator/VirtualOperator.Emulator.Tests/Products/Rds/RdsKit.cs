using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Rds;

/// <summary>
/// A fresh partner with one customer holding a quota (<see cref="SalesKit"/>), calling RDS over the wire as the partner
/// with ResourceOwnerId = the customer; BSS reads (orders, quota) through the same kit.
/// </summary>
public sealed class RdsKit
{
    public const string Version = "2014-08-15";
    public const string Region = "cn-hangzhou";

    private RdsKit(SalesKit sales) => Sales = sales;

    public SalesKit Sales { get; }
    public string Customer => Sales.Customer;

    public static async Task<RdsKit> CreateAsync(WebApplicationFactory<Program> app, decimal quota = 20_000m) =>
        new(await SalesKit.CreateAsync(app, quota));

    /// <summary>An emulator whose transitional states end on the virtual clock only, so a test sees them deterministically.</summary>
    public static EmulatorApplication VirtualOnlyApp() =>
        new(settings: new Dictionary<string, string?> { ["Emulator:Rds:WallSeconds"] = "86400" });

    public Task<ApiResult> Call(string action, IDictionary<string, string>? p = null, SignedClient? client = null)
    {
        var all = new Dictionary<string, string>(p ?? new Dictionary<string, string>());
        if (client is null && !all.ContainsKey("ResourceOwnerId")) all["ResourceOwnerId"] = Customer;
        return (client ?? Sales.Client).V3(action, Version, all, host: "rds.aliyuncs.com");
    }

    public async Task<JsonObject> Ok(string action, IDictionary<string, string>? p = null)
    {
        var r = await Call(action, p);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json;
    }

    public static Dictionary<string, string> Buy(string payType = "Postpaid", string category = "HighAvailability", string cls = "mysql.n2.medium.2c",
        int storage = 100, bool autoRenew = false)
    {
        var p = new Dictionary<string, string>
        {
            ["RegionId"] = Region, ["ZoneId"] = "cn-hangzhou-h", ["Engine"] = "MySQL", ["EngineVersion"] = "8.0", ["Category"] = category,
            ["DBInstanceClass"] = cls, ["DBInstanceStorage"] = storage.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DBInstanceStorageType"] = "cloud_essd", ["DBInstanceNetType"] = "Intranet", ["SecurityIPList"] = "10.0.0.0/8", ["PayType"] = payType,
        };
        if (payType == "Prepaid")
        {
            p["Period"] = "Month";
            p["UsedTime"] = "1";
            if (autoRenew) p["AutoRenew"] = "true";
        }
        return p;
    }

    public async Task<string> CreateAsync(Dictionary<string, string>? p = null) =>
        (await Ok("CreateDBInstance", p ?? Buy()))["DBInstanceId"]!.ToString();

    public async Task<JsonObject> AttributeAsync(string id) =>
        (await Ok("DescribeDBInstanceAttribute", new Dictionary<string, string> { ["DBInstanceId"] = id }))["Items"]!["DBInstanceAttribute"]![0]!.AsObject();

    public async Task<JsonArray> ListAsync() =>
        (await Ok("DescribeDBInstances", new Dictionary<string, string> { ["RegionId"] = Region, ["PageSize"] = "100" }))["Items"]!["DBInstance"]!.AsArray();

    public Task AdvanceAsync(TimeSpan by) => Sales.AdvanceAsync(by);
}
