using System.Net;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// What every product stores, read straight from the emulator's LiteDB after two partners walked through every
/// product: each document names its partner, and a per-partner reset removes exactly that partner's documents.
/// </summary>
public sealed class PartnerScopeStorageTests(TourFixture f) : IClassFixture<TourFixture>
{
    private static readonly string[] Unscoped = ["_meta", "partners"];

    private LiteDatabase Db => f.App.Services.GetRequiredService<EmulatorDatabase>().Db;

    private List<(string Collection, BsonDocument Doc)> Documents() =>
        Db.GetCollectionNames().Where(n => !Unscoped.Contains(n))
            .SelectMany(n => Db.GetCollection(n).FindAll().Select(d => (n, d))).ToList();

    private Dictionary<string, int> CountsOf(string partnerUid) =>
        Documents().Where(x => x.Doc["PartnerUid"] == partnerUid)
            .GroupBy(x => x.Collection).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public async Task EveryDocument_CarriesItsPartner_AndResetRemovesExactlyThatPartnersDocuments()
    {
        var docs = Documents();
        docs.Select(x => x.Collection).Distinct().Should().Contain(
            ["customers", "credits", "customerStatus", "alarmSettings", "budgetOperations", "sts_credentials", "signin_tokens",
             "console_sessions", "icp_drafts", "identity_verifications", "salesInstances", "orders", "billSubscriptions", "messages"],
            "the tour leaves state in every product's store");
        docs.Where(x => !x.Doc.TryGetValue("PartnerUid", out var p) || !p.IsString || string.IsNullOrEmpty(p.AsString))
            .Select(x => $"{x.Collection}: {x.Doc["_id"]}").Should().BeEmpty("every stored document names its partner");

        var first = CountsOf(f.First.PartnerUid);
        var second = CountsOf(f.Second.PartnerUid);
        first.Keys.Should().BeEquivalentTo(second.Keys, "both partners walked the same tour");

        var reset = await f.App.CreateClient().PostAsync($"/_emulator/partners/{f.First.PartnerUid}/reset", System.Net.Http.Json.JsonContent.Create(new { }));
        reset.StatusCode.Should().Be(HttpStatusCode.OK);

        CountsOf(f.First.PartnerUid).Should().BeEmpty("a partner reset removes every document of that partner");
        CountsOf(f.Second.PartnerUid).Should().BeEquivalentTo(second, "another partner's documents are untouched");

        // The partner itself stays and starts again from nothing.
        var list = await f.First.Session.Signed.V3("GetCustomerList", "2017-12-14");
        list.Status.Should().Be(HttpStatusCode.OK, list.Text);
        list.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
        var other = await f.Second.Session.Signed.V3("GetCustomerList", "2017-12-14");
        other.Json["Data"]!["UidList"]!.AsArray().Should().HaveCount(2);
    }
}
