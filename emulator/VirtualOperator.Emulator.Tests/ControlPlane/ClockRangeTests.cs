using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>
/// Clock moves are checked against every partner's composed time (global + own offset) before they apply (issue 11,
/// item 2): a move that would leave the representable range answers 400, changes nothing, and the emulator keeps
/// answering, across a restart too. Floors raised by applied events survive a restart.
/// </summary>
public sealed class ClockRangeTests : IDisposable
{
    private readonly TempDataDir _temp = new("clock");
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    private static async Task<(HttpStatusCode Status, JsonObject Body)> Post(HttpClient http, string path, object body)
    {
        var r = await http.PostAsJsonAsync(path, body);
        return (r.StatusCode, (await r.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    private static async Task<JsonObject> Get(HttpClient http, string path) => (await http.GetFromJsonAsync<JsonObject>(path))!;

    // A partner that is no test account: a test account stops answering a virtual month after its creation.
    private static async Task AssertAnswering(EmulatorApplication app, PartnerKeys partner)
    {
        (await app.CreateClient().GetAsync("/_emulator/health")).StatusCode.Should().Be(HttpStatusCode.OK);
        var r = await app.Signed(partner.AccessKeyId, partner.Secret).V3("GetCustomerList", "2017-12-14");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
    }

    [Fact]
    public async Task PartnerNear8999_ThenGlobalAdvance_IsRefusedWhole_AndSurvivesARestart()
    {
        string partnerClock, globalClock;
        PartnerKeys partner;
        using (var app = new EmulatorApplication(DataPath))
        {
            var http = app.CreateClient();
            partner = await app.CreatePartnerAsync(testAccount: false);
            (await Post(http, $"/_emulator/partners/{partner.Uid}/clock/set", new { now = "8999-12-30T00:00:00Z" })).Status.Should().Be(HttpStatusCode.OK);
            globalClock = (await Get(http, "/_emulator/clock"))["offsetSeconds"]!.ToString();
            partnerClock = (await Get(http, $"/_emulator/partners/{partner.Uid}/clock"))["offsetSeconds"]!.ToString();

            var advance = await Post(http, "/_emulator/clock/advance", new { seconds = 30 * 86400 });
            var set = await Post(http, "/_emulator/clock/set", new { now = DateTimeOffset.UtcNow.AddYears(50) });

            advance.Status.Should().Be(HttpStatusCode.BadRequest, advance.Body.ToJsonString());
            advance.Body["error"]!.ToString().Should().Contain(partner.Uid);
            set.Status.Should().Be(HttpStatusCode.BadRequest, set.Body.ToJsonString());
            (await Get(http, "/_emulator/clock"))["offsetSeconds"]!.ToString().Should().Be(globalClock, "a refused move changes nothing");
            (await Get(http, $"/_emulator/partners/{partner.Uid}/clock"))["offsetSeconds"]!.ToString().Should().Be(partnerClock);
            await AssertAnswering(app, partner);
        }
        using var restarted = new EmulatorApplication(DataPath);
        await AssertAnswering(restarted, partner);
        (await Get(restarted.CreateClient(), "/_emulator/clock"))["offsetSeconds"]!.ToString().Should().Be(globalClock);
    }

    [Fact]
    public async Task Repeated100YearAdvances_StopBeforeTheYear9000_AndEverythingKeepsAnswering()
    {
        using var app = new EmulatorApplication(DataPath);
        var http = app.CreateClient();
        var partner = await app.CreatePartnerAsync(testAccount: false);
        var refused = 0;
        for (var i = 0; i < 80 && refused == 0; i++)
        {
            var r = await Post(http, "/_emulator/clock/advance", new { seconds = 100 * 365 * 86400d });
            if (r.Status == HttpStatusCode.BadRequest) refused++;
            else r.Status.Should().Be(HttpStatusCode.OK, r.Body.ToJsonString());
        }
        refused.Should().Be(1, "some advance must be refused before the year 9000");
        DateTimeOffset.Parse((await Get(http, "/_emulator/clock"))["now"]!.ToString(), System.Globalization.CultureInfo.InvariantCulture)
            .Year.Should().BeInRange(8900, 8999);
        await AssertAnswering(app, partner);
        // A partner created now is as far along, and works.
        await AssertAnswering(app, await app.CreatePartnerAsync(testAccount: false));
    }

    [Fact]
    public async Task FloorRaisedByAnAppliedEvent_SurvivesARestart()
    {
        string partnerUid;
        DateTimeOffset beforeExpiry;
        using (var app = new EmulatorApplication(DataPath))
        {
            var kit = await SalesKit.CreateAsync(app);
            partnerUid = kit.Partner.Uid;
            await kit.BuyAsync(months: 1);
            beforeExpiry = DateTimeOffset.UtcNow.AddDays(10);
            // Past the end of the month: the expiring notice and the expiry are applied after the move was saved, and
            // raise the partner's floor; no later move saves the clock again.
            (await Post(app.CreateClient(), $"/_emulator/partners/{partnerUid}/clock/advance", new { seconds = 40 * 86400 })).Status
                .Should().Be(HttpStatusCode.OK);
        }
        using var restarted = new EmulatorApplication(DataPath);
        var back = await Post(restarted.CreateClient(), $"/_emulator/partners/{partnerUid}/clock/set", new { now = beforeExpiry });
        back.Status.Should().Be(HttpStatusCode.Conflict, "the expiry applied before the restart still bars going back past it: " + back.Body.ToJsonString());
    }
}
