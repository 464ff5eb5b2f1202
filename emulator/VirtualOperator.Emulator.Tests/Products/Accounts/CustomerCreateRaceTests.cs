using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Accounts;

/// <summary>
/// Customer creation runs under each partner's own lock (Products/BssOpenApi/CustomerStore.cs), so two partners' creates run
/// side by side; login e-mails stay unique across partners because a create reserves its e-mail at once and gives it back
/// when the create is refused.
/// </summary>
public sealed class CustomerCreateRaceTests(EmulatorFixture f) : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app = f.App;

    /// <summary>Partner A's create is held inside its check (its e-mail reserved, its partner's lock held): partner B's
    /// create of the same e-mail does not wait for A's lock, and finds the e-mail taken. Deterministic: no race to win.</summary>
    [Fact]
    public async Task AnotherPartnersCreate_DoesNotWait_AndSeesTheEmailReserved()
    {
        using var db = new VirtualOperator.Emulator.Storage.EmulatorDatabase(null);
        var store = new VirtualOperator.Emulator.Products.BssOpenApi.CustomerStore(db);
        using var inside = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var first = Task.Run(() => store.Create("1000000000000001", Customer("2000000000000001", "same@example.com"), limited: true, (_, _) =>
        {
            inside.Set();
            release.Wait(TimeSpan.FromSeconds(30));
        }));
        inside.Wait(TimeSpan.FromSeconds(30)).Should().BeTrue();

        bool? taken = null;
        var second = Task.Run(() => store.Create("1000000000000002", Customer("2000000000000002", "SAME@example.com"), limited: true, (_, t) =>
        {
            taken = t;
            if (t) throw new InvalidOperationException("taken");
        }));
        // Generous: a lock shared by every partner would hold the second create until the first is released.
        (await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(20)))).Should().BeSameAs(second, "another partner's create must not wait for this partner's lock");
        taken.Should().BeTrue("the e-mail is reserved by the create in flight");
        await second.Invoking(t => t).Should().ThrowAsync<InvalidOperationException>();

        release.Set();
        await first;
        store.UidsForPartner("1000000000000001").Should().Equal("2000000000000001");
        store.UidsForPartner("1000000000000002").Should().BeEmpty();
    }

    /// <summary>A partner without a limit creates side by side: 8 threads, 400 customers asked for at one instant. Each gets a
    /// creation time of its own, and the list (kept up to date by each insert) is the order a fresh sort of the rows gives.</summary>
    [Fact]
    public async Task UnlimitedPartner_ParallelCreates_GetTimesOfTheirOwn_AndListInCreationOrder()
    {
        using var db = new VirtualOperator.Emulator.Storage.EmulatorDatabase(null);
        var store = new VirtualOperator.Emulator.Products.BssOpenApi.CustomerStore(db);
        const string partner = "1000000000000003";
        var at = DateTime.UtcNow;
        store.UidsForPartner(partner).Should().BeEmpty(); // the list exists from here on and is kept by each insert
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 50; i++)
            {
                var uid = (3000000000000000L + t * 1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
                store.Create(partner, new() { Id = uid, LoginEmail = $"{uid}@example.com", CreatedAt = at }, limited: false, (_, taken) => taken.Should().BeFalse());
            }
        })));
        var rows = store.Table.PeekPartner(partner).ToList();
        rows.Select(r => r.CreatedAt).Distinct().Should().HaveCount(400);
        store.UidsForPartner(partner).Should().Equal(rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).Select(r => r.Id));

        // A row that lands out of order (a create whose stamp was taken before another's but written after it) takes its
        // place in the kept list: here one written directly with a time between the first two customers'.
        var first = rows.OrderBy(r => r.CreatedAt).First();
        store.Table.Put(new() { Id = "3999999999999999", PartnerUid = partner, LoginEmail = "late@example.com", CreatedAt = first.CreatedAt.AddTicks(1) }, insert: true);
        store.UidsForPartner(partner)[1].Should().Be("3999999999999999");
    }

    private static VirtualOperator.Emulator.Products.BssOpenApi.Customer Customer(string uid, string email) =>
        new() { Id = uid, LoginEmail = email, CreatedAt = DateTime.UtcNow };

    [Fact]
    public async Task ACreateRefusedByTheLimit_GivesItsEmailBack()
    {
        var full = await PartnerSession.StartAsync(_app, testAccount: true);
        for (var i = 0; i < 20; i++) await full.CreateCustomerAsync();
        var email = $"back-{Guid.NewGuid():N}@example.com";
        var refused = await full.CreateAgAccount(email);
        refused.Status.Should().NotBe(HttpStatusCode.OK, refused.Text);
        refused.Code.Should().NotBe("LoginEmail.AlreadyExists");

        var other = await PartnerSession.StartAsync(_app);
        var created = await other.CreateAgAccount(email);
        created.Status.Should().Be(HttpStatusCode.OK, created.Text);
    }
}
