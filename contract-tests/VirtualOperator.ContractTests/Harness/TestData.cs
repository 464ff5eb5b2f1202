using System.Security.Cryptography;
using System.Text;
using Bogus;

namespace VirtualOperator.ContractTests.Harness;

/// <summary>
/// Reproducible test data: a Bogus faker seeded from the running test's id, so a test sends the same
/// names and e-mails on every run (a recording replays) and two tests never send the same ones.
/// <c>VO_RUN_TAG</c> (set when recording against a real account, where e-mails stay taken) is added to e-mails.
/// </summary>
public sealed class TestData
{
    private readonly Faker _faker;
    private int _sequence;

    public TestData(string seedName)
    {
        var seed = BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(seedName)), 0);
        _faker = new Faker("en") { Random = new Randomizer(seed) };
    }

    /// <summary>Data for the running contract test (seeded by its id).</summary>
    public static TestData ForCurrentTest() =>
        new(TestContext.Current?.Id ?? throw new InvalidOperationException("No contract test is running; use new TestData(seedName)."));

    public Faker Faker => _faker;

    public string FirstName() => _faker.Name.FirstName();
    public string LastName() => _faker.Name.LastName();
    public string CompanyName() => _faker.Company.CompanyName();
    public string City() => _faker.Address.City();
    public string Postcode() => _faker.Address.ZipCode("#####");

    /// <summary>A unique-per-test e-mail under example.com (never a real mailbox).</summary>
    public string Email()
    {
        var tag = Environment.GetEnvironmentVariable("VO_RUN_TAG") is { Length: > 0 } t ? "." + t : "";
        var local = $"{_faker.Name.FirstName()}.{_faker.Name.LastName()}.{_faker.Random.AlphaNumeric(6)}{++_sequence}{tag}".ToLowerInvariant();
        return new string(local.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-').ToArray()) + "@example.com";
    }
}
