using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Ecs;

/// <summary>A fresh partner with one customer and a quota (the <see cref="SalesKit"/>), calling ECS over the wire as that partner with OwnerId.</summary>
public sealed class EcsKit
{
    public const string Version = "2014-05-26";
    public const string Image = "aliyun_3_x64_20G_alibase_20240528.vhd";
    private readonly WebApplicationFactory<Program> _app;

    private EcsKit(WebApplicationFactory<Program> app, SalesKit sales)
    {
        _app = app;
        Sales = sales;
    }

    public SalesKit Sales { get; }
    public string Customer => Sales.Customer;
    public string PartnerUid => Sales.Partner.Uid;

    public static async Task<EcsKit> CreateAsync(WebApplicationFactory<Program> app, decimal quota = 10_000m) =>
        new(app, await SalesKit.CreateAsync(app, quota));

    public decimal Available(string? customer = null) => Sales.Available(customer);

    public T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Calls as the partner in cn-hangzhou; OwnerId is the kit's customer unless the parameters name another ("" for none).</summary>
    public Task<ApiResult> Call(string action, IDictionary<string, string>? p = null)
    {
        var all = new Dictionary<string, string>(p ?? new Dictionary<string, string>());
        if (!all.ContainsKey("OwnerId")) all["OwnerId"] = Customer;
        if (all["OwnerId"] == "") all.Remove("OwnerId");
        if (!all.ContainsKey("RegionId")) all["RegionId"] = "cn-hangzhou";
        return Sales.Client.V3(action, Version, all, host: "ecs.aliyuncs.com");
    }

    public async Task<JsonObject> Ok(string action, IDictionary<string, string>? p = null)
    {
        var r = await Call(action, p);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        return r.Json;
    }

    public static Dictionary<string, string> Run(string chargeType = "PostPaid", string type = "ecs.g7.large", int bandwidth = 0, int period = 1,
        string periodUnit = "Month", string? zone = null)
    {
        var p = new Dictionary<string, string>
        {
            ["InstanceType"] = type, ["ImageId"] = Image, ["InstanceChargeType"] = chargeType,
            ["InternetMaxBandwidthOut"] = bandwidth.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (chargeType == "PrePaid")
        {
            p["Period"] = period.ToString(System.Globalization.CultureInfo.InvariantCulture);
            p["PeriodUnit"] = periodUnit;
        }
        if (zone is not null) p["ZoneId"] = zone;
        return p;
    }

    /// <summary>Runs one instance and answers its id and order id.</summary>
    public async Task<(string InstanceId, string OrderId)> RunAsync(IDictionary<string, string>? p = null)
    {
        var j = await Ok("RunInstances", p ?? Run());
        return (j["InstanceIdSets"]!["InstanceIdSet"]![0]!.ToString(), j["OrderId"]!.ToString());
    }

    public async Task<JsonObject?> DescribeAsync(string id)
    {
        var j = await Ok("DescribeInstances", new Dictionary<string, string> { ["InstanceIds"] = $"[\"{id}\"]" });
        return j["Instances"]!["Instance"]!.AsArray().SingleOrDefault()?.AsObject();
    }

    public async Task AdvanceAsync(TimeSpan by)
    {
        var r = await _app.CreateClient().PostAsJsonAsync($"/_emulator/partners/{PartnerUid}/clock/advance", new { seconds = by.TotalSeconds });
        r.EnsureSuccessStatusCode();
    }

    public void SetQuota(decimal quota, string? customer = null) => Sales.SetQuota(quota, customer);

    public CreditLedger Ledger => Service<CreditLedger>();
}
