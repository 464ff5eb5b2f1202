using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using LiteDB;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Storage;

public sealed class DurabilityTests : IDisposable
{
    private readonly TempDataDir _temp = new("durability");
    private string Dir => _temp.Path;
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task DataPath_PartnerCreatedBeforeRestart_StillAuthenticatesAfter()
    {
        PartnerKeys partner;
        string pk;
        using (var first = new EmulatorApplication(DataPath))
        {
            partner = await first.CreatePartnerAsync(testAccount: false);
            var created = await first.Signed(partner.AccessKeyId, partner.Secret).V3("CreateAgAccount", "2017-12-14",
                new Dictionary<string, string> { ["LoginEmail"] = "durable@example.com" });
            pk = created.Json["AgRelationDto"]!["Pk"]!.ToString();
            await first.CreateClient().PostAsJsonAsync($"/_emulator/partners/{partner.Uid}/clock/advance", new { seconds = 7200 });
        }

        using var second = new EmulatorApplication(DataPath);
        var list = await second.Signed(partner.AccessKeyId, partner.Secret).V3("GetCustomerList", "2017-12-14");
        list.Status.Should().Be(HttpStatusCode.OK, list.Text);
        list.Json["Data"]!["UidList"]!.AsArray().Select(x => x!.ToString()).Should().Equal(pk);
        var clock = (await second.CreateClient().GetFromJsonAsync<JsonObject>($"/_emulator/partners/{partner.Uid}/clock"))!;
        clock["offsetSeconds"]!.GetValue<long>().Should().Be(7200, "virtual time survives a restart too");
    }

    [Fact]
    public void DataPath_WrittenByNewerSchema_IsRefusedAndLeftUntouched()
    {
        Directory.CreateDirectory(Dir);
        using (var db = new LiteDatabase(DataPath))
            db.GetCollection("_meta").Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = 999 });
        var bytes = File.ReadAllBytes(DataPath);

        var open = () => new EmulatorDatabase(DataPath);
        open.Should().Throw<InvalidOperationException>().WithMessage("*newer emulator (schema 999)*");
        // The emulator itself does not start on it. Which exception the test host sees depends on timing: the store is
        // opened while the server starts, and its failure stops the host (whose services may be gone by then).
        using var app = new EmulatorApplication(DataPath);
        var start = () => app.CreateClient();
        start.Should().Throw<Exception>();
        File.ReadAllBytes(DataPath).Should().Equal(bytes);
    }
}
