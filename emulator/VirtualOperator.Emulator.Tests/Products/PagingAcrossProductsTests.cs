using VirtualOperator.Emulator.Tests.Acceptance;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products;

/// <summary>
/// Every product's numbered pages are read by one reader (Protocol/Parsing/Paging.cs) with the product's own parameter
/// names, default size and maximum: a page number below 1 and a size outside 1..max are refused as InvalidParameter
/// naming the parameter, and an empty page answers the default size. One row per product, through the wire.
/// </summary>
public sealed class PagingAcrossProductsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public PagingAcrossProductsTests(EmulatorFixture f) => _app = f.App;

    /// <param name="Size">Where the answer states the page size it used (a dotted path into the JSON); RDS states only how
    /// many records the page holds (PageRecordCount), so its default is not read back here.</param>
    public sealed record Row(string Name, TourCall Call, string Number, int DefaultSize, int Max, string? Size);

    public static TheoryData<string> Products => new(Rows.Keys);

    private static readonly Dictionary<string, Row> Rows = new[]
    {
        new Row("BSS QueryOrders", new TourCall("2017-12-14", "QueryOrders", "business.aliyuncs.com", false, []), "PageNum", 20, 100, "Data.PageSize"),
        new Row("BSS QueryAvailableInstances", new TourCall("2017-12-14", "QueryAvailableInstances", "business.aliyuncs.com", false, []), "PageNum", 20, 300, "Data.PageSize"),
        new Row("ECS DescribeInstances", new TourCall("2014-05-26", "DescribeInstances", "ecs.aliyuncs.com", false, new() { ["RegionId"] = "cn-hangzhou" }),
            "PageNumber", 10, 100, "PageSize"),
        new Row("RDS DescribeDBInstances", new TourCall("2014-08-15", "DescribeDBInstances", "rds.aliyuncs.com", false, new() { ["RegionId"] = "cn-hangzhou" }),
            "PageNumber", 30, 100, null),
    }.ToDictionary(r => r.Name);

    [Theory]
    [MemberData(nameof(Products))]
    public async Task PageParameters_AreCheckedByName_AndDefault(string product)
    {
        var row = Rows[product];
        var partner = await PartnerSession.StartAsync(_app);
        async Task<ApiResult> Send(params (string Key, string Value)[] extra)
        {
            var p = new Dictionary<string, string>(row.Call.Parameters);
            foreach (var (k, v) in extra) p[k] = v;
            return await row.Call.SendAsync(partner.Signed, p);
        }

        foreach (var (name, value) in new[] { (row.Number, "0"), ("PageSize", "0"), ("PageSize", (row.Max + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) })
        {
            var refused = await Send((name, value));
            ((int)refused.Status).Should().Be(400, $"{product} with {name}={value}: {refused.Text}");
            refused.Json["Code"]!.ToString().Should().Be("InvalidParameter", refused.Text);
            refused.Json["Message"]!.ToString().Should().Contain(name, refused.Text);
        }

        var max = await Send(("PageSize", row.Max.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        ((int)max.Status).Should().Be(200, max.Text);

        if (row.Size is null) return;
        var plain = await Send();
        ((int)plain.Status).Should().Be(200, plain.Text);
        var size = row.Size.Split('.').Aggregate((System.Text.Json.Nodes.JsonNode)plain.Json, (n, k) => n![k]!);
        size.ToString().Should().Be(row.DefaultSize.ToString(System.Globalization.CultureInfo.InvariantCulture), plain.Text);
    }
}
