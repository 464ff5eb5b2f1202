using System.Net;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi;

public sealed class GetCustomerListTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorApplication _app;
    public GetCustomerListTests(EmulatorFixture f) => _app = f.App;

    [Fact]
    public async Task GetCustomerList_FreshPartner_AnswersEmptyListInBssEnvelope()
    {
        var p = await _app.CreatePartnerAsync();
        var r = await _app.Signed(p.AccessKeyId, p.Secret).V3("GetCustomerList", "2017-12-14");
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.Json["Code"]!.ToString().Should().Be("200");
        r.Json["Success"]!.GetValue<bool>().Should().BeTrue();
        r.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty();
        r.Json["RequestId"]!.ToString().Should().MatchRegex("^[0-9A-F-]{36}$");
    }

    [Fact]
    public async Task GetCustomerList_V1WithoutFormat_AnswersXml()
    {
        var r = await _app.Signed().V1("GetCustomerList", "2017-12-14", format: null);
        r.Status.Should().Be(HttpStatusCode.OK, r.Text);
        r.ContentType.Should().Be("text/xml; charset=utf-8");
        r.Text.Should().StartWith("<?xml").And.Contain("<GetCustomerListResponse>").And.Contain("<Code>200</Code>");
    }
}
