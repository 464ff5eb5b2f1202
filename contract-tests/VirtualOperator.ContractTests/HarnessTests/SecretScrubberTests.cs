using System.Text.Json;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Recording;

namespace VirtualOperator.ContractTests.HarnessTests;

/// <summary>No AccessKey id, secret, security token or signature survives scrubbing, in any encoding a recording holds it.</summary>
public sealed class SecretScrubberTests
{
    private static readonly AcsCredentials Creds = new("LTAI5tRealKeyId0123456789", "Sec+ret/Value=42&x", "CAES+token/=abc&def");
    private readonly SecretScrubber _scrubber = new(Creds);

    [Fact]
    public void KnownSecrets_InEveryEncoding_AreReplaced()
    {
        var once = AcsPercent.Encode(Creds.AccessKeySecret);
        var text = string.Join("\n",
            Creds.AccessKeySecret, once, AcsPercent.Encode(once), JsonSerializer.Serialize(Creds.AccessKeySecret),
            Creds.SecurityToken, AcsPercent.Encode(Creds.SecurityToken!), JsonSerializer.Serialize(Creds.SecurityToken),
            Creds.AccessKeyId);

        var scrubbed = _scrubber.Scrub(text);

        scrubbed.Should().NotContain("Sec").And.NotContain("CAES").And.NotContain("RealKeyId");
        FluentActions.Invoking(() => _scrubber.AssertClean(scrubbed, "test")).Should().NotThrow();
    }

    [Fact]
    public void V3Authorization_LosesCredentialAndSignature()
    {
        var header = "ACS3-HMAC-SHA256 Credential=STS.NUz8someTempKey,SignedHeaders=host;x-acs-action,Signature=da11d2e04444453edc22c02df782cc356b3221ef40da7e0ee3e78aa81317aa08";

        var scrubbed = new SecretScrubber(null).Scrub(header);

        scrubbed.Should().Be("ACS3-HMAC-SHA256 Credential=<scrubbed:access-key-id>,SignedHeaders=host;x-acs-action,Signature=<scrubbed:signature>");
    }

    [Fact]
    public void V1Query_AndEchoedStringToSign_LoseKeyTokenAndSignature_KeepOtherParameters()
    {
        var query = "AccessKeyId=STS.AbCdEf123456&Action=GetCustomerList&SecurityToken=CAESxyz%2B%2F%3D&SignatureMethod=HMAC-SHA1&Signature=zl8q3acyMbYSITsyYUpgbElYUGM%3D";
        var echoed = "server string to sign is:GET&%2F&AccessKeyId%3DLTAIunknownKey99%26Action%3DX%26SecurityToken%3DCAESxyz%252B%26SignatureMethod%3DHMAC-SHA1";

        var scrubbed = new SecretScrubber(null).Scrub(query + "\n" + echoed);

        scrubbed.Should().NotContain("AbCdEf").And.NotContain("CAESxyz").And.NotContain("zl8q3").And.NotContain("unknownKey");
        scrubbed.Should().Contain("Action=GetCustomerList").And.Contain("SignatureMethod=HMAC-SHA1").And.Contain("Action%3DX");
    }

    [Fact]
    public void JsonFields_LoseTheirValues()
    {
        var json = """{"accessKeyId":"LTAI5tVoEmulatorDefault1","accessKeySecret":"VoEmulatorDefaultSecret0000000","SecurityToken":"tok"}""";

        var scrubbed = new SecretScrubber(null).Scrub(json);

        scrubbed.Should().Be("""{"accessKeyId":"<scrubbed:access-key-id>","accessKeySecret":"<scrubbed:access-key-secret>","SecurityToken":"<scrubbed:security-token>"}""");
    }

    [Fact]
    public void AssertClean_RefusesTextStillHoldingASecret()
    {
        FluentActions.Invoking(() => _scrubber.AssertClean("body " + Creds.AccessKeySecret, "fixtures/x.json"))
            .Should().Throw<InvalidOperationException>().WithMessage("Refusing to write fixtures/x.json*");
        FluentActions.Invoking(() => _scrubber.AssertClean("Signature=abcdef123456", "fixtures/x.json"))
            .Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void CommittedFixtures_HoldNoKeyIdOrSignature()
    {
        var files = Directory.EnumerateFiles(Harness.RepoPaths.Fixtures, "*.json", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}replay{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     || f.Contains($"{Path.DirectorySeparatorChar}snapshots{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var scrubber = new SecretScrubber(null);
        foreach (var f in files)
            FluentActions.Invoking(() => scrubber.AssertClean(File.ReadAllText(f), f)).Should().NotThrow();
    }
}
