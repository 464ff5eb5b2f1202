using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>Target choice from the environment; a run against real without credentials fails fast saying what to set.</summary>
public sealed class TargetSettingsTests
{
    private static TargetSettings From(params (string Key, string Value)[] env) =>
        TargetSettings.From(env.ToDictionary(e => e.Key, e => (string?)e.Value));

    [Fact]
    public void NoTarget_IsInProcess() => From().Kind.Should().Be(TargetKind.InProcess);

    [Fact]
    public void Real_WithoutCredentials_FailsNamingEveryMissingVariable()
    {
        var act = () => From(("VO_TARGET", "real"));
        act.Should().Throw<TargetConfigurationException>()
            .WithMessage("*VO_TARGET=real needs a real test account; set VO_REAL_ACCESS_KEY_ID, VO_REAL_ACCESS_KEY_SECRET, VO_REAL_ACCOUNT_UID*");
    }

    [Fact]
    public void Real_WithOnlyTheKeyId_NamesTheRest()
    {
        var act = () => From(("VO_TARGET", "real"), ("VO_REAL_ACCESS_KEY_ID", "LTAIx"));
        act.Should().Throw<TargetConfigurationException>().Which.Message.Should()
            .Contain("set VO_REAL_ACCESS_KEY_SECRET, VO_REAL_ACCOUNT_UID (").And.NotContain("set VO_REAL_ACCESS_KEY_ID");
    }

    [Fact]
    public void Real_WithCredentials_UsesPublicEndpointsUnlessOverridden()
    {
        var s = From(("VO_TARGET", "real"), ("VO_REAL_ACCESS_KEY_ID", "LTAIx"), ("VO_REAL_ACCESS_KEY_SECRET", "s"), ("VO_REAL_ACCOUNT_UID", "1"),
            ("VO_REAL_ENDPOINT_STS", "https://sts.ap-southeast-1.aliyuncs.com"));
        s.RealEndpoints["BssOpenApi"].Should().Be(new Uri("https://business.aliyuncs.com"));
        s.RealEndpoints["Sts"].Should().Be(new Uri("https://sts.ap-southeast-1.aliyuncs.com"));
        s.AllowCost.Should().Be(CostAllowance.None);
    }

    [Fact]
    public void Url_WithoutEmulatorUrl_SaysWhatToSet() =>
        FluentActions.Invoking(() => From(("VO_TARGET", "url"))).Should().Throw<TargetConfigurationException>().WithMessage("*EMULATOR_URL*");

    [Fact]
    public void UnknownTarget_ListsTheChoices() =>
        FluentActions.Invoking(() => From(("VO_TARGET", "staging"))).Should().Throw<TargetConfigurationException>().WithMessage("*inprocess, url, real or replay*");

    [Theory]
    [InlineData("", Cost.Free, true)]
    [InlineData("", Cost.ConsumesCustomer, false)]
    [InlineData("customers", Cost.ConsumesCustomer, true)]
    [InlineData("customers", Cost.SpendsMoney, false)]
    [InlineData("all", Cost.SpendsMoney, true)]
    public void CostAllowance_GatesRealRuns(string allow, Cost cost, bool runs)
    {
        var settings = From(("VO_TARGET", "real"), ("VO_REAL_ACCESS_KEY_ID", "a"), ("VO_REAL_ACCESS_KEY_SECRET", "s"), ("VO_REAL_ACCOUNT_UID", "1"), ("VO_ALLOW_COST", allow));
        var skip = new ContractTraits(new ParityCandidateAttribute(), cost).SkipReason(settings);
        (skip is null).Should().Be(runs, skip);
    }

    [Fact]
    public void EmulatorOnly_IsSkippedAgainstRealAndReplay_WithTheReason()
    {
        var traits = new ContractTraits(new EmulatorOnlyAttribute("moves the clock"), Cost.Free);
        traits.SkipReason(From(("VO_TARGET", "replay"))).Should().Be("EmulatorOnly, not run against replay: moves the clock");
        traits.SkipReason(From()).Should().BeNull();
    }

    [Fact]
    public void NeedsFixing_IsSkippedOnEmulatorTargets_AndRunsAgainstRealAndReplay()
    {
        var traits = new ContractTraits(new NeedsFixingAttribute("emulator answers 200 where the cloud answers 400"), Cost.Free);
        traits.SkipReason(From()).Should().Be("NeedsFixing on emulator targets: emulator answers 200 where the cloud answers 400");
        traits.SkipReason(From(("VO_TARGET", "url"), ("EMULATOR_URL", "http://127.0.0.1:4590"))).Should().StartWith("NeedsFixing");
        traits.SkipReason(From(("VO_TARGET", "replay"))).Should().BeNull();
        traits.SkipReason(From(("VO_TARGET", "real"), ("VO_REAL_ACCESS_KEY_ID", "a"), ("VO_REAL_ACCESS_KEY_SECRET", "s"), ("VO_REAL_ACCOUNT_UID", "1"))).Should().BeNull();
    }
}
