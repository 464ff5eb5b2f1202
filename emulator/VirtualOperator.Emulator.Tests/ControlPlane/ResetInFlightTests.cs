using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.ControlPlane;

/// <summary>A reset runs between requests (issue 11, item 6): one in flight when it is asked for finishes first.</summary>
public sealed class ResetInFlightTests
{
    [Fact]
    public async Task GlobalReset_WaitsForTheRequestInFlight_SoItsWriteDoesNotOutliveTheReset()
    {
        using var app = new EmulatorApplication();
        var control = app.CreateClient();
        // The next CreateAgAccount of the default partner is held 1.5 s before its handler runs.
        (await control.PostAsJsonAsync("/_emulator/faults", new { action = "CreateAgAccount", delayMs = 1500 })).EnsureSuccessStatusCode();
        var inFlight = app.Services.GetRequiredService<InFlightRequests>();

        var create = app.Signed().V3("CreateAgAccount", "2017-12-14", new Dictionary<string, string> { ["LoginEmail"] = "late@example.com" });
        while (inFlight.Count == 0 && !create.IsCompleted) await Task.Delay(10);
        inFlight.Count.Should().Be(1, "the create is in flight, held by its fault");
        (await control.PostAsync("/_emulator/reset", JsonContent.Create(new { }))).EnsureSuccessStatusCode();

        create.IsCompleted.Should().BeTrue("the reset answered only after the request in flight had finished");
        (await create).Status.Should().Be(System.Net.HttpStatusCode.OK);
        var list = await app.Signed().V3("GetCustomerList", "2017-12-14");
        list.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty("the customer created before the reset is wiped by it");
    }
}
