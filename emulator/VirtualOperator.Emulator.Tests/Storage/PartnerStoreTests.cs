using System.Net;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>
/// Partners are kept in memory (a data file holds a copy): in memory, LiteDB is not opened to start or to pass the health
/// check (docs/performance.md, "Start-up, second pass"); a uid or an AccessKeyId is still one partner's only.
/// </summary>
public sealed class PartnerStoreTests : IDisposable
{
    private readonly TempDataDir _temp = new("partners");
    private string Dir => _temp.Path;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task InMemory_StartHealthAndNewPartners_DoNotOpenLiteDb()
    {
        using var app = new EmulatorApplication();
        var health = await app.CreateClient().GetAsync("/_emulator/health");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
        var partner = await app.CreatePartnerAsync(testAccount: false);
        (await app.CreateClient().GetAsync($"/_emulator/partners/{partner.Uid}")).StatusCode.Should().Be(HttpStatusCode.OK);

        app.Services.GetRequiredService<EmulatorDatabase>().IsOpen.Should().BeFalse(
            "being ready needs only the default partner, which is kept in memory; LiteDB opens at the first store that needs it");
        var list = await app.Signed(partner.AccessKeyId, partner.Secret).V3("GetCustomerList", "2017-12-14");
        list.Status.Should().Be(HttpStatusCode.OK, "the new partner signs its calls: " + list.Text);
    }

    [Fact]
    public async Task InMemory_GlobalReset_SeedsTheDefaultPartnerAgain_AndForgetsTheOthers()
    {
        using var app = new EmulatorApplication();
        var partner = await app.CreatePartnerAsync();
        (await app.CreateClient().PostAsync("/_emulator/reset", System.Net.Http.Json.JsonContent.Create(new { }))).StatusCode.Should().Be(HttpStatusCode.OK);

        var store = app.Services.GetRequiredService<PartnerStore>();
        store.Get(partner.Uid).Should().BeNull("a global reset forgets every partner");
        store.FindByAccessKeyId(partner.AccessKeyId).Should().BeNull("and its AccessKey with it");
        var list = await app.Signed().V3("GetCustomerList", "2017-12-14");
        list.Status.Should().Be(HttpStatusCode.OK, "the default partner is seeded again: " + list.Text);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Create_WithATakenUidOrAccessKeyId_IsRefused_AndChangesNothing(bool durable)
    {
        using var app = new EmulatorApplication(durable ? Path.Combine(Dir, "state.db") : null);
        _ = app.Server;
        var store = app.Services.GetRequiredService<PartnerStore>();
        var first = store.Create("first", testAccount: false);

        var sameUid = () => store.Create("again", testAccount: false, uid: first.Uid);
        sameUid.Should().Throw<LiteException>().Which.ErrorCode.Should().Be(LiteException.INDEX_DUPLICATE_KEY);
        var sameKey = () => store.Create("thief", testAccount: false, uid: "1688999999999999", accessKeyId: first.AccessKeyId);
        sameKey.Should().Throw<LiteException>().Which.ErrorCode.Should().Be(LiteException.INDEX_DUPLICATE_KEY);

        store.Get(first.Uid)!.Name.Should().Be("first");
        store.FindByAccessKeyId(first.AccessKeyId)!.Uid.Should().Be(first.Uid);
        store.Get("1688999999999999").Should().BeNull("a refused partner is not kept");
    }
}
