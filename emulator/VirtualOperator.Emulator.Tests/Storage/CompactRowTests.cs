using CsCheck;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Storage;

/// <summary>
/// Stored rows keep less than they are given (docs/performance.md, "Memory per order"): repeated values shared, a message
/// body without its head, a due key as its parts. What they keep must read back exactly as it was set.
/// </summary>
public sealed class CompactRowTests
{
    private const string Partner = "1000000000000001";

    private static Order NewOrder(string id, string? clientToken) => new()
    {
        Id = id, PartnerUid = new string(Partner), CustomerUid = new string("5000000000000001"), InstanceId = "eip-" + id,
        ProductCode = new string("eip"), Region = new string("cn-hangzhou"), Config = new string("Region:cn-hangzhou,Bandwidth:1"),
        SubscriptionType = new string("Subscription"), CreateTime = DateTime.UtcNow, ClientToken = clientToken, RequestDigest = new string('D', 64),
        Modules = [new OrderModule { Code = new string("Bandwidth"), Name = new string("Bandwidth"), Value = new string("1") }],
    };

    [Fact]
    public void StoredOrders_ShareRepeatedValues_AndKeepADigestOnlyWithAClientToken()
    {
        using var db = new EmulatorDatabase(null);
        var store = new SalesStore(db);
        store.Insert(NewOrder("200000000000001", null));
        store.Insert(NewOrder("200000000000002", "token-1"));
        var (a, b) = (store.OrderTable.Peek("200000000000001")!, store.OrderTable.Peek("200000000000002")!);

        a.Region.Should().BeSameAs(b.Region);
        a.Config.Should().BeSameAs(b.Config);
        a.SubscriptionType.Should().BeSameAs(b.SubscriptionType);
        a.CustomerUid.Should().BeSameAs(b.CustomerUid);
        a.Modules.Should().BeSameAs(b.Modules, "rows with the same modules share one list (a kept row is never changed)");
        a.RequestDigest.Should().BeNull("only a retry with the same ClientToken compares the digest");
        b.RequestDigest.Should().Be(new string('D', 64));
        // A reader's copy is its own.
        var copy = store.Order("200000000000001")!;
        copy.Modules.Should().NotBeSameAs(a.Modules);
        copy.Modules.Single().Value.Should().Be("1");
    }

    [Fact]
    public void StoredInstances_WithOneConfiguration_ShareIt_AndReadersGetTheirOwn()
    {
        using var db = new EmulatorDatabase(null);
        var store = new SalesStore(db);
        foreach (var id in new[] { "eip-a", "eip-b" })
            store.Insert(new SalesInstance
            {
                Id = id, PartnerUid = Partner, CustomerUid = "5000000000000001", ProductCode = "eip",
                Config = new(StringComparer.Ordinal) { [new string("Bandwidth")] = new string("1") },
            });
        store.InstanceTable.Peek("eip-a")!.Config.Should().BeSameAs(store.InstanceTable.Peek("eip-b")!.Config);
        var mine = store.Instance("eip-a")!;
        mine.Config["Bandwidth"] = "5";
        store.Instance("eip-b")!.Config["Bandwidth"].Should().Be("1");
    }

    private static readonly Gen<string> GenPlain = Gen.String[Gen.Char["0123456789ABCDEFabz-_."], 1, 40];
    private static readonly Gen<string> GenAny = Gen.String[Gen.Char["0123456789ABCDEF\"\\{}:,é\u2028 xyz"], 0, 40];

    [Fact]
    public void MessageBodyAndMd5_ReadBackAsSet_WhateverTheFieldsAreOrBecome() =>
        Gen.Select(GenPlain, GenPlain, GenPlain, GenAny, Gen.Bool, GenAny).Sample((id, type, partner, rest, headShaped, md5) =>
        {
            var body = headShaped ? $"{{\"MessageId\":\"{id}\",\"EventType\":\"{type}\",\"PartnerUid\":\"{partner}\",{rest}" : rest;
            var m = new PartnerMessage { Id = id, EventType = type, PartnerUid = partner, MessageBody = body, MessageBodyMD5 = md5 };
            m.MessageBody.Should().Be(body);
            m.MessageBodyMD5.Should().Be(md5);
            // A field changed afterwards leaves the body as it was set.
            m.Id = "other";
            m.PartnerUid = partner + "9";
            m.Copy().MessageBody.Should().Be(body);
            m.MessageBodyMD5 = Convert.ToHexString(System.Security.Cryptography.MD5.HashData("x"u8));
            m.MessageBodyMD5.Should().Be(Convert.ToHexString(System.Security.Cryptography.MD5.HashData("x"u8)));
            m.MessageBody = null!;
            m.MessageBody.Should().BeNull();
            m.MessageBodyMD5 = null!;
            m.MessageBodyMD5.Should().BeNull();
        }, iter: 2000);

    [Fact]
    public void RecordedBodyAndMd5_ReadBackAsTheirText() =>
        Gen.Select(GenPlain, GenPlain, GenPlain, GenAny, Gen.Bool).Sample((id, type, partner, rest, headShaped) =>
        {
            var body = headShaped ? $"{{\"MessageId\":\"{id}\",\"EventType\":\"{type}\",\"PartnerUid\":\"{partner}\",{rest}" : rest;
            var utf8 = System.Text.Encoding.UTF8.GetBytes(body);
            var md5 = System.Security.Cryptography.MD5.HashData(utf8);
            var m = new PartnerMessage { Id = id, EventType = type, PartnerUid = partner };
            m.SetRecorded(utf8, md5);
            m.MessageBody.Should().Be(body);
            m.MessageBodyMD5.Should().Be(Convert.ToHexString(md5));
            m.Copy().MessageBody.Should().Be(body);
        }, iter: 2000);

    [Fact]
    public void SetDue_ReadsBackAsTheDueKeyOfTheRowsPartner() =>
        Gen.Select(GenPlain, Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Int[0, 2]).Sample((partner, ticks, kind) =>
        {
            var at = new DateTime(ticks, (DateTimeKind)kind);
            var i = new SalesInstance { PartnerUid = partner };
            i.SetDue(at);
            var key = SalesInstance.DueKeyOf(partner, at);
            i.DueKey.Should().Be(key);
            i.Copy().DueKey.Should().Be(key);
            i.PartnerUid = new string(partner);
            i.ShareDueKey();
            i.DueKey.Should().Be(key);
        }, iter: 2000);

    [Fact]
    public void StoredForm_TurnsExactlyTheEmptyComputedStringsToNull() =>
        Gen.Select(GenPlain, GenAny, GenAny, Gen.Int[0, 2], Gen.Long[0, DateTime.MaxValue.Ticks - 1]).Sample((partner, rest, md5, shape, ticks) =>
        {
            // A body kept as head and rest (the rest possibly empty), as text, or empty.
            var body = shape == 0 ? $"{{\"MessageId\":\"A1\",\"EventType\":\"E\",\"PartnerUid\":\"{partner}\"," + rest : shape == 1 ? rest : "";
            var formed = shape != 1;
            // Each computed string property (EmptyWhen) as LiteDB's EmptyStringToNull would read it back: "" becomes null,
            // anything else stays, whether it is kept compact or as text.
            var m = new PartnerMessage { Id = "A1", EventType = "E", PartnerUid = partner, MessageBody = body, MessageBodyMD5 = md5 };
            StoredForm<PartnerMessage>.Apply(m);
            m.MessageBody.Should().Be(body.Length == 0 ? null : body);
            m.MessageBodyMD5.Should().Be(md5.Length == 0 ? null : md5);

            var key = formed ? SalesInstance.DueKeyOf(partner, new DateTime(ticks, DateTimeKind.Utc)) : rest;
            var i = new SalesInstance { PartnerUid = partner, DueKey = key };
            StoredForm<SalesInstance>.Apply(i);
            i.DueKey.Should().Be(key.Length == 0 ? null : key);
        }, iter: 2000);

    [Fact]
    public void DueKey_ReadsBackAsSet() =>
        Gen.Select(GenPlain, Gen.Long[0, DateTime.MaxValue.Ticks - 1], GenAny, Gen.Bool).Sample((partner, ticks, other, formed) =>
        {
            var key = formed ? SalesInstance.DueKeyOf(partner, new DateTime(ticks, DateTimeKind.Utc)) : other;
            var i = new SalesInstance { PartnerUid = partner, DueKey = key };
            i.DueKey.Should().Be(key);
            i.Copy().DueKey.Should().Be(key);
        }, iter: 2000);

    [Fact]
    public void OptionalTimes_ReadBackAsSet_KindIncluded() =>
        Gen.Select(Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Int[0, 3]).Sample((ticks, k) =>
        {
            DateTime? t = k == 3 ? null : new DateTime(ticks, (DateTimeKind)k);
            var o = new Order { PaymentTime = t };
            o.PaymentTime.Should().Be(t);
            o.PaymentTime?.Kind.Should().Be(t?.Kind);
            o.Copy().PaymentTime.Should().Be(t);
            new Order().UsageEndTime.Should().BeNull("an optional time starts as none");
            new SalesInstance { EndTime = t }.EndTime.Should().Be(t);
        }, iter: 2000);
}
