using VirtualOperator.Emulator.Tests.Acceptance;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products;

/// <summary>
/// Every product answers "is this customer mine?" the same way (Products/BssOpenApi/CustomerScope.cs): a partner's keys
/// may name only its own customers, a customer's STS credentials only that customer. One row per product, through the
/// wire, each with the refusal the product gives (BSS-style InvalidOwner, Bsn's numeric codes, Workorder's envelope,
/// STS NoPermission) and an accepted call naming the caller's own customer.
/// </summary>
public sealed class CustomerScopeAcrossProductsTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public CustomerScopeAcrossProductsTests(EmulatorFixture f) => _app = f.App;

    /// <param name="NotMine">The refusal's code (the envelope's Code, or Workorder's lower-case <c>code</c>) for another partner's customer.</param>
    /// <param name="NotTheCaller">The refusal's code for STS credentials naming another customer of the same partner.</param>
    public sealed record Row(string Name, string Parameter, Func<string, TourCall> Call, string NotMine, string NotTheCaller);

    private const string Bss = "2017-12-14";

    public static TheoryData<string> Products => new(Rows.Keys);

    private static readonly Dictionary<string, Row> Rows = new[]
    {
        new Row("BSS QueryOrders", "OwnerId", uid => new TourCall(Bss, "QueryOrders", "business.aliyuncs.com", false, new() { ["OwnerId"] = uid }),
            "InvalidOwner", "InvalidOwner"),
        new Row("BSS GetCustomerAccountInfo", "OwnerId", uid => new TourCall(Bss, "GetCustomerAccountInfo", "business.aliyuncs.com", false, new() { ["OwnerId"] = uid }),
            "InvalidOwner", "InvalidOwner"),
        new Row("ECS DescribeInstances", "OwnerId", uid => new TourCall("2014-05-26", "DescribeInstances", "ecs.aliyuncs.com", false,
            new() { ["RegionId"] = "cn-hangzhou", ["OwnerId"] = uid }), "InvalidOwner", "InvalidOwner"),
        new Row("RDS DescribeDBInstances", "ResourceOwnerId", uid => new TourCall("2014-08-15", "DescribeDBInstances", "rds.aliyuncs.com", false,
            new() { ["RegionId"] = "cn-hangzhou", ["ResourceOwnerId"] = uid }), "InvalidOwner", "InvalidOwner"),
        new Row("Aas GenerateAliyunBidCertWaysUrl", "AliyunPk", uid => new TourCall("2015-07-01", "GenerateAliyunBidCertWaysUrl", "aas.aliyuncs.com", false,
            new() { ["AliyunPk"] = uid, ["BidType"] = "VirtualOperator" }), "InvalidOwner", "InvalidOwner"),
        new Row("Crm QueryBidUserCertifiedInfo", "PK", uid => new TourCall("2015-04-08", "QueryBidUserCertifiedInfo", "business.aliyuncs.com", true,
            new() { ["PK"] = uid }), "InvalidOwner", "InvalidOwner"),
        new Row("Bsn GetBsnByResource", "aliuid", uid => new TourCall("2015-05-12", "GetBsnByResource", "bsn.aliyuncs.com", false,
            new() { ["aliuid"] = uid, ["resourceId"] = "i-none", ["resourceType"] = "1" }), "401", "604"),
        new Row("Workorder add", "aliUid", uid => new TourCall("2016-08-30", "add", "workorder.aliyuncs.com", true,
            new() { ["aliUid"] = uid, ["productId"] = "4", ["content"] = "hello" }), "-121", "-121"),
        new Row("STS AssumeRole", "RoleArn", uid => new TourCall("2015-04-01", "AssumeRole", "sts.aliyuncs.com", false,
            new() { ["RoleArn"] = $"acs:ram::{uid}:role/ResellerAdminRole", ["RoleSessionName"] = "scope" }), "NoPermission", "NoPermission"),
    }.ToDictionary(r => r.Name);

    [Theory]
    [MemberData(nameof(Products))]
    public async Task PartnerKeys_NameOnlyOwnCustomers_StsKeys_OnlyTheirOwn(string product)
    {
        var row = Rows[product];
        var partner = await PartnerSession.StartAsync(_app);
        var mine = await partner.CreateCustomerAsync();
        var sibling = await partner.CreateCustomerAsync();
        var stranger = await (await PartnerSession.StartAsync(_app)).CreateCustomerAsync();
        var asMine = partner.SignedAs(await partner.AssumeCustomerRoleAsync(mine));

        var own = await row.Call(mine).SendAsync(partner.Signed, row.Call(mine).Parameters);
        Code(own).Should().NotBe(row.NotMine, $"{product} naming the partner's own customer: {own.Text}");

        var foreign = await row.Call(stranger).SendAsync(partner.Signed, row.Call(stranger).Parameters);
        Code(foreign).Should().Be(row.NotMine, $"{product} naming another partner's customer: {foreign.Text}");

        var self = await row.Call(mine).SendAsync(asMine, row.Call(mine).Parameters);
        Code(self).Should().NotBe(row.NotTheCaller, $"{product} under STS naming itself: {self.Text}");

        var other = await row.Call(sibling).SendAsync(asMine, row.Call(sibling).Parameters);
        Code(other).Should().Be(row.NotTheCaller, $"{product} under STS naming a sibling customer: {other.Text}");
    }

    private static string? Code(ApiResult r) => r.TryJson() is { } json ? (json["Code"] ?? json["code"])?.ToString() : null;
}
