using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// Reproducible test data: a Bogus faker seeded from the running test's id, so a test sends the same
/// names and e-mails on every run (a recording replays) and two tests never send the same ones.
/// <c>VO_RUN_TAG</c> (set when recording again against a real account, where e-mails stay taken) is added to
/// e-mails; on replay the tag the test was recorded with is used instead.
/// </summary>
public sealed class TestData
{
    private readonly Faker _faker;
    private readonly string _tag;
    private int _sequence;

    public TestData(string seedName, string? tag = null)
    {
        _tag = string.IsNullOrEmpty(tag) ? "" : "." + tag;
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seedName)), 0);
        _faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    /// <summary>Data for the running contract test (seeded by its id).</summary>
    public static TestData ForCurrentTest()
    {
        var id = TestContext.Current?.Id ?? throw new InvalidOperationException("No contract test is running; use new TestData(seedName).");
        return new TestData(id, RunTag(id));
    }

    public const string RunTagVar = "VO_RUN_TAG";

    /// <summary>The e-mail tag for a test: the recorded one on replay, else <c>VO_RUN_TAG</c>.</summary>
    public static string? RunTag(string testId) =>
        ContractRun.TrySettings().Settings?.Kind == Targets.TargetKind.Replay
            ? Recording.ReplayFiles.RecordedTag(testId)
            : Environment.GetEnvironmentVariable(RunTagVar);

    public Faker Faker => _faker;

    public string FirstName() => _faker.Name.FirstName();
    public string LastName() => _faker.Name.LastName();
    public string CompanyName() => _faker.Company.CompanyName();
    public string City() => _faker.Address.City();
    public string Postcode() => _faker.Address.ZipCode("#####");

    /// <summary>A unique-per-test e-mail under example.com (never a real mailbox).</summary>
    public string Email()
    {
        var local = $"{_faker.Name.FirstName()}.{_faker.Name.LastName()}.{_faker.Random.AlphaNumeric(6)}{++_sequence}{_tag}".ToLowerInvariant();
        return new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-').ToArray()) + "@example.com";
    }
}
