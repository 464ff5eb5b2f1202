using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Products;
using VirtualOperator.Emulator.Protocol.Dispatch;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// Every implemented action's real success answer against its catalog <c>response</c> shape: the Tea SDKs
/// reject a field of the wrong JSON type, so any mismatch is a bug an official SDK would hit.
/// </summary>
public sealed class ResponseShapeTests(TourFixture f) : IClassFixture<TourFixture>
{
    private static readonly ActionCatalog Catalog = ActionCatalog.Load(ActionCatalog.DefaultPath());
    private static readonly ActionRegistry Registry = new([typeof(EmulatorOptions).Assembly], ProductRegistration.NonRpcActions);

    [Fact]
    public void Tour_AnswersEveryImplementedRpcActionOnce()
    {
        var implemented = Registry.Implemented.Select(a => $"{a.Version}/{a.Action}").ToList();
        f.First.Answers.Keys.Should().BeEquivalentTo(implemented, "the tour must call every implemented action, so its shape is checked");
    }

    /// <summary>Fields the real service leaves out of these answers, so an SDK sees them unset.</summary>
    private static readonly Dictionary<string, string> OmittedLikeTheRealService = new(StringComparer.Ordinal)
    {
        // help.aliyun.com AssumeRole: "returned only if SourceIdentity is specified in the request".
        ["AssumeRole $.SourceIdentity: missing (string)"] = "only echoed when the request names a SourceIdentity",
        // [I] sales: times that do not apply yet to a Normal subscription are left out (docs/sales.md).
        ["QueryAvailableInstances $.Data.InstanceList[0].ExpectedReleaseTime: missing (string)"] = "set once the instance expires",
        ["QueryAvailableInstances $.Data.InstanceList[0].ReleaseTime: missing (string)"] = "set once the instance is released",
        ["QueryAvailableInstances $.Data.InstanceList[0].StopTime: missing (string)"] = "set once the instance is stopped",
        // [I] a catalog read places no order; the SDK model's top-level OrderId is shared with the buying actions.
        ["DescribeResourcePackageProduct $.OrderId: missing (number)"] = "no order exists for a catalog read",
        // The emulator runs no promotions, so every promotion list is empty (and the SDK accepts an empty list).
        ["GetSubscriptionPrice $.Data.PromotionDetails.PromotionDetail: unchecked (empty array, its item shape was not seen)"] = "no promotions",
        ["GetPayAsYouGoPrice $.Data.PromotionDetails.PromotionDetail: unchecked (empty array, its item shape was not seen)"] = "no promotions",
        ["GetResourcePackagePrice $.Data.Promotions.Promotion: unchecked (empty array, its item shape was not seen)"] = "no promotions",
        // ECS: a VPC instance has no classic inner IP, no RDMA or IPv6 addresses and, in service, no operation lock (docs/ecs.md).
        ["DescribeInstances $.Instances.Instance[0].InnerIpAddress.IpAddress: unchecked (empty array, its item shape was not seen)"] = "VPC instance: no classic inner IP",
        ["DescribeInstances $.Instances.Instance[0].RdmaIpAddress.IpAddress: unchecked (empty array, its item shape was not seen)"] = "no RDMA",
        ["DescribeInstances $.Instances.Instance[0].OperationLocks.LockReason: unchecked (empty array, its item shape was not seen)"] = "in service: no lock",
        ["DescribeInstances $.Instances.Instance[0].NetworkInterfaces.NetworkInterface[0].Ipv4PrefixSets.Ipv4PrefixSet: unchecked (empty array, its item shape was not seen)"] = "no prefixes",
        ["DescribeInstances $.Instances.Instance[0].NetworkInterfaces.NetworkInterface[0].Ipv6PrefixSets.Ipv6PrefixSet: unchecked (empty array, its item shape was not seen)"] = "no IPv6",
        ["DescribeInstances $.Instances.Instance[0].NetworkInterfaces.NetworkInterface[0].Ipv6Sets.Ipv6Set: unchecked (empty array, its item shape was not seen)"] = "no IPv6",
    };

    [Fact]
    public void EverySuccessAnswer_MatchesItsCatalogShape()
    {
        var problems = new List<string>();
        foreach (var (key, answer) in f.First.Answers)
        {
            var (version, action) = (key[..key.IndexOf('/')], key[(key.IndexOf('/') + 1)..]);
            var shape = Catalog.FindRpc(version, action)!.Response!;
            problems.AddRange(ShapeChecker.Check(shape, answer).Select(p => $"{action} {p}"));
        }
        problems.Except(OmittedLikeTheRealService.Keys).Should().BeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public void GetSigninToken_MatchesItsCatalogShape()
    {
        var shape = Catalog.All.Single(a => a.Product == "Federation" && a.Action == "GetSigninToken").Response!;
        ShapeChecker.Check(shape, f.First.SigninTokenAnswer).Should().BeEmpty();
    }
}
