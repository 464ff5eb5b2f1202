using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Products.Mns;

/// <summary>The queue's delivery state is durable with <c>--data</c>: a restart neither redelivers a deleted message nor forgets a receive.</summary>
public sealed class QueueDurabilityTests : IDisposable
{
    private readonly TempDataDir _temp = new("mns");
    private string DataPath => _temp.DataPath;

    public void Dispose() => _temp.Dispose();

    private static Task<(HttpStatusCode Status, XElement? Root)> Mns(EmulatorApplication app, PartnerKeys p, HttpMethod method, string resource) =>
        new MnsTestClient(app, p).SendAsync(method, resource);

    private static string Field(XElement root, string name) => MnsTestClient.Field(root, name);

    private static async Task Inject(EmulatorApplication app, string uid, string type) =>
        (await app.CreateClient().PostAsJsonAsync($"/_emulator/partners/{uid}/queue/messages", new { eventType = type })).EnsureSuccessStatusCode();

    [Fact]
    public async Task DataPath_ReceivedAndDeletedMessages_KeepTheirStateAcrossARestart()
    {
        PartnerKeys p;
        string queue, heldHandle, heldId;
        using (var first = new EmulatorApplication(DataPath))
        {
            p = await first.CreatePartnerAsync(testAccount: false);
            queue = $"/queues/vo-messages-{p.Uid}/messages";
            await Inject(first, p.Uid, "First");
            await Inject(first, p.Uid, "Second");
            var a = await Mns(first, p, HttpMethod.Get, queue);
            (await Mns(first, p, HttpMethod.Delete, queue + "?ReceiptHandle=" + Field(a.Root!, "ReceiptHandle"))).Status.Should().Be(HttpStatusCode.NoContent);
            var b = await Mns(first, p, HttpMethod.Get, queue);
            heldHandle = Field(b.Root!, "ReceiptHandle");
            heldId = Field(b.Root!, "MessageId");
        }

        using var second = new EmulatorApplication(DataPath);
        // The deleted one is gone and the received one is still invisible: nothing to receive.
        var empty = await Mns(second, p, HttpMethod.Get, queue);
        empty.Status.Should().Be(HttpStatusCode.NotFound);
        Field(empty.Root!, "Code").Should().Be("MessageNotExist");
        // The handle issued before the restart still works, exactly once.
        var changed = await Mns(second, p, HttpMethod.Put, queue + $"?ReceiptHandle={heldHandle}&VisibilityTimeout=0");
        changed.Status.Should().Be(HttpStatusCode.OK);
        var again = await Mns(second, p, HttpMethod.Get, queue);
        Field(again.Root!, "MessageId").Should().Be(heldId);
        Field(again.Root!, "DequeueCount").Should().Be("2");
    }

    [Fact]
    public async Task GlobalReset_EmptiesEveryQueue()
    {
        using var app = new EmulatorApplication();
        var uid = EmulatorApplication.DefaultPartnerUid;
        var control = app.CreateClient();
        await Inject(app, uid, "Before");
        (await control.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/_emulator/partners/{uid}/queue"))!["messages"]!.AsArray().Should().ContainSingle();
        (await control.PostAsJsonAsync("/_emulator/reset", new { })).EnsureSuccessStatusCode();
        await Inject(app, uid, "After");
        var messages = (await control.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/_emulator/partners/{uid}/queue"))!["messages"]!.AsArray();
        messages.Select(m => m!["eventType"]!.GetValue<string>()).Should().Equal("After");
    }
}
