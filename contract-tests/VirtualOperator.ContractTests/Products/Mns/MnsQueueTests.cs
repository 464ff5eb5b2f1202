using System.Text.Json.Nodes;
using VirtualOperator.ContractTests.Client;
using VirtualOperator.ContractTests.Harness;
using VirtualOperator.ContractTests.Products.Sts;
using VirtualOperator.ContractTests.Targets;

namespace VirtualOperator.ContractTests.Products.Mns;

/// <summary>
/// A partner's MNS queue (2015-06-06) over the wire: what a consumer receives after a real event, the receipt-handle rules, the
/// signature and ownership checks. Every test is emulator-only: the harness has no real account's MNS endpoint and queue, and
/// the events are the emulator's (docs/messages.md).
/// </summary>
[EmulatorOnly("the harness knows no real account's MNS endpoint or queue; the events and their catalog are the emulator's")]
[Cost(Cost.Free)]
public sealed class MnsQueueTests(ContractFixture fx) : IClassFixture<ContractFixture>
{
    private sealed record Consumer(PartnerSession Partner, string Queue, MnsClient Mns);

    private async Task<Consumer> NewConsumerAsync()
    {
        var partner = await fx.NewPartnerAsync();
        var queue = (await fx.ControlPlane.GetAsync($"/_emulator/partners/{partner.Uid}"))["messageQueue"]!.GetValue<string>();
        return new Consumer(partner, queue, Mns(partner.Client.Credentials));
    }

    private MnsClient Mns(AcsCredentials credentials) =>
        new(fx.Target.Http, fx.Target.Endpoints.For("BssOpenApi").BaseAddress, credentials);

    private static Task<(string Uid, string RoleArn)> EventAsync(Consumer c) =>
        c.Partner.Client.CreateCustomerAsync(TestData.ForCurrentTest().Email());

    [ContractFact]
    public async Task ReceiveMessage_AfterCustomerCreated_DeliversTheEventWithAllNineFields()
    {
        var c = await NewConsumerAsync();
        var (customer, _) = await EventAsync(c);

        var r = await c.Mns.ReceiveAsync(c.Queue, waitSeconds: 1);
        r.Status.Should().Be(200, r.ToString());
        r.Root!.Name.LocalName.Should().Be("Message");
        r.Root.Name.NamespaceName.Should().Be("http://mns.aliyuncs.com/doc/v1/");
        foreach (var key in new[] { "MessageId", "ReceiptHandle", "MessageBodyMD5", "MessageBody", "EnqueueTime", "NextVisibleTime", "FirstDequeueTime", "DequeueCount", "Priority" })
            r.Field(key).Should().NotBeNullOrEmpty(key);
        r.Field("DequeueCount").Should().Be("1");
        long.Parse(r.Field("NextVisibleTime")!).Should().Be(long.Parse(r.Field("FirstDequeueTime")!) + 30_000, "the queue's VisibilityTimeout is 30 s");
        var body = JsonNode.Parse(r.Field("MessageBody")!)!;
        body["EventType"]!.GetValue<string>().Should().Be("CustomerCreated");
        body["Data"]!["CustomerUid"]!.GetValue<string>().Should().Be(customer);

        var attrs = await c.Mns.AttributesAsync(c.Queue);
        attrs.Field("InactiveMessages").Should().Be("1");
        attrs.Field("ActiveMessages").Should().Be("0");
    }

    [ContractFact]
    public async Task DeleteMessage_HandleEscapedAsGoSendsIt_IsAccepted_AndIsSingleUse()
    {
        var c = await NewConsumerAsync();
        await EventAsync(c);
        var handle = (await c.Mns.ReceiveAsync(c.Queue)).Field("ReceiptHandle")!;

        (await c.Mns.DeleteAsync(c.Queue, handle, escape: true)).Status.Should().Be(204);
        var again = await c.Mns.DeleteAsync(c.Queue, handle);
        again.Status.Should().Be(404);
        again.Code.Should().Be("MessageNotExist");
        (await c.Mns.PeekAsync(c.Queue)).Code.Should().Be("MessageNotExist", "a deleted message is never delivered again");
    }

    [ContractFact]
    public async Task ReceiptHandle_MalformedOrSuperseded_AnswersTheRealCodes()
    {
        var c = await NewConsumerAsync();
        await EventAsync(c);
        var first = (await c.Mns.ReceiveAsync(c.Queue)).Field("ReceiptHandle")!;

        var malformed = await c.Mns.DeleteAsync(c.Queue, "garbage");
        (malformed.Status, malformed.Code).Should().Be((400, "ReceiptHandleError"));

        var changed = await c.Mns.ChangeVisibilityAsync(c.Queue, first, 60);
        changed.Status.Should().Be(200, changed.ToString());
        changed.Root!.Name.LocalName.Should().Be("ChangeVisibility");
        var second = changed.Field("ReceiptHandle")!;
        second.Should().NotBe(first);

        var stale = await c.Mns.DeleteAsync(c.Queue, first);
        (stale.Status, stale.Code).Should().Be((404, "MessageNotExist"));
        var badTimeout = await c.Mns.ChangeVisibilityAsync(c.Queue, second, 43201);
        (badTimeout.Status, badTimeout.Code).Should().Be((400, "InvalidArgument"));
        (await c.Mns.DeleteAsync(c.Queue, second)).Status.Should().Be(204);
    }

    [ContractFact]
    public async Task ChangeVisibilityToZero_MakesTheMessageReceivableAgain_WithANewHandleAndHigherCount()
    {
        var c = await NewConsumerAsync();
        await EventAsync(c);
        var first = await c.Mns.ReceiveAsync(c.Queue);
        (await c.Mns.ChangeVisibilityAsync(c.Queue, first.Field("ReceiptHandle")!, 0)).Status.Should().Be(200);

        var second = await c.Mns.ReceiveAsync(c.Queue);
        second.Field("MessageId").Should().Be(first.Field("MessageId"));
        second.Field("DequeueCount").Should().Be("2");
        second.Field("FirstDequeueTime").Should().Be(first.Field("FirstDequeueTime"));
        second.Field("ReceiptHandle").Should().NotBe(first.Field("ReceiptHandle"));
    }

    [ContractFact]
    public async Task Receive_OutOfRangeWaitOrBatch_IsInvalidArgument()
    {
        var c = await NewConsumerAsync();
        var wait = await c.Mns.ReceiveAsync(c.Queue, waitSeconds: 31);
        (wait.Status, wait.Code).Should().Be((400, "InvalidArgument"));
        var batch = await c.Mns.ReceiveAsync(c.Queue, batch: 17);
        (batch.Status, batch.Code).Should().Be((400, "InvalidArgument"));
        var empty = await c.Mns.ReceiveAsync(c.Queue, batch: 16);
        (empty.Status, empty.Code).Should().Be((404, "MessageNotExist"));
    }

    [ContractFact]
    public async Task Signature_WrongSecretStaleDateOrNoAuthorization_IsRefused()
    {
        var c = await NewConsumerAsync();
        var wrong = await c.Mns.SendAsync(HttpMethod.Get, $"/queues/{c.Queue}/messages", secret: "not-the-secret");
        (wrong.Status, wrong.Code).Should().Be((403, "SignatureDoesNotMatch"));
        wrong.Field("RequestId").Should().NotBeNullOrEmpty();
        wrong.Field("HostId").Should().NotBeNullOrEmpty();

        var stale = await c.Mns.SendAsync(HttpMethod.Get, $"/queues/{c.Queue}/messages", date: DateTimeOffset.UtcNow.AddMinutes(-16));
        (stale.Status, stale.Code).Should().Be((408, "TimeExpired"));

        var unknown = await Mns(new AcsCredentials("LTAI5tNoSuchKey000000000", "x")).ReceiveAsync(c.Queue);
        (unknown.Status, unknown.Code).Should().Be((403, "InvalidAccessKeyId"));

        using var anonymous = await fx.Target.Http.GetAsync(new Uri(fx.Target.Endpoints.For("BssOpenApi").BaseAddress, $"/queues/{c.Queue}/messages"));
        ((int)anonymous.StatusCode).Should().Be(400);
        (await anonymous.Content.ReadAsStringAsync()).Should().Contain("<Code>MissingAuthorizationHeader</Code>");
    }

    [ContractFact]
    public async Task AnotherPartnersQueue_DoesNotExistForTheCaller_AndAForeignAccountHostIsDenied()
    {
        var owner = await NewConsumerAsync();
        var other = await NewConsumerAsync();
        await EventAsync(owner);

        var foreign = await other.Mns.ReceiveAsync(owner.Queue);
        (foreign.Status, foreign.Code).Should().Be((404, "QueueNotExist"));
        var host = await other.Mns.SendAsync(HttpMethod.Get, $"/queues/{other.Queue}/messages", host: $"{owner.Partner.Uid}.mns.cn-hangzhou.aliyuncs.com");
        (host.Status, host.Code).Should().Be((403, "AccessDenied"));
        var ownHost = await other.Mns.SendAsync(HttpMethod.Get, $"/queues/{other.Queue}", host: $"{other.Partner.Uid}.mns.cn-hangzhou.aliyuncs.com");
        ownHost.Status.Should().Be(200, ownHost.ToString());

        (await owner.Mns.PeekAsync(owner.Queue)).Field("DequeueCount").Should().Be("0", "the other partner received nothing");
    }

    [ContractFact]
    public async Task CustomerStsCredentials_CannotReadThePartnersQueue()
    {
        var c = await NewConsumerAsync();
        var (_, roleArn) = await EventAsync(c);
        var creds = (await c.Partner.Client.AssumeRoleAsync(roleArn)).StsCredentials();
        var sts = Mns(creds);

        var r = await sts.ReceiveAsync(c.Queue);
        (r.Status, r.Code).Should().Be((403, "AccessDenied"));
        var noToken = await Mns(creds with { SecurityToken = null }).ReceiveAsync(c.Queue);
        (noToken.Status, noToken.Code).Should().Be((403, "AccessDenied"));
    }

    [ContractFact]
    public async Task PartnerReset_EmptiesTheQueue_AndInjectedMessagesArrive()
    {
        var c = await NewConsumerAsync();
        await EventAsync(c);
        await fx.ControlPlane.PostAsync($"/_emulator/partners/{c.Partner.Uid}/reset");
        (await c.Mns.PeekAsync(c.Queue)).Code.Should().Be("MessageNotExist");

        var injected = await fx.ControlPlane.PostAsync($"/_emulator/partners/{c.Partner.Uid}/queue/messages",
            new { eventType = "InstanceExpired", data = new Dictionary<string, string> { ["InstanceId"] = "i-qa" } });
        var r = await c.Mns.ReceiveAsync(c.Queue);
        r.Field("MessageId").Should().Be(injected["messageId"]!.GetValue<string>());
        JsonNode.Parse(r.Field("MessageBody")!)!["Data"]!["InstanceId"]!.GetValue<string>().Should().Be("i-qa");
    }
}
