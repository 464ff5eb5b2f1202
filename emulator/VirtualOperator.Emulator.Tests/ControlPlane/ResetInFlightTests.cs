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

        // Not `create.IsCompleted` here: the server had finished the create before the reset ran, but the client's task
        // completes on a thread-pool continuation that a loaded machine may not have run yet (the flake seen in CI).
        // What must hold is server-side: the create answered 200 and its customer did not outlive the reset (without the
        // in-flight gate, the held create runs after the reset and the customer survives it).
        (await create).Status.Should().Be(System.Net.HttpStatusCode.OK);
        var list = await app.Signed().V3("GetCustomerList", "2017-12-14");
        list.Json["Data"]!["UidList"]!.AsArray().Should().BeEmpty("the customer created before the reset is wiped by it");
    }
}
