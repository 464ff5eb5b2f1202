using CsCheck;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Sales;

/// <summary>
/// Model-based: random orders written, paid, cancelled (some of those writes rolled back) and random QueryOrders pages
/// (scope, equality filters, time range, page) read between them; every page and total the index answers must equal the
/// plain filter over every stored order, sorted newest first (what QueryOrders did before the index filtered).
/// </summary>
public sealed class OrderFilterModelTests
{
    private const string Partner = "1000000000000001";
    private static readonly string[] Customers = ["5000000000000001", "5000000000000002", "5000000000000003"];
    private static readonly string?[] Statuses = [PaymentStatuses.Unpaid, PaymentStatuses.Paid, PaymentStatuses.Cancelled];
    private static readonly string?[] Types = [OrderTypes.New, OrderTypes.Renew, OrderTypes.Upgrade];
    // "" is stored as null (StoredForm): such an order is kept by no filter on that field.
    private static readonly string?[] Codes = ["eip", "oss", ""];
    private static readonly string?[] ProductTypes = [null, "", "bandwidth"];
    private static readonly string?[] Subscriptions = [SubscriptionTypes.Subscription, SubscriptionTypes.PayAsYouGo];
    private static readonly DateTime T0 = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private enum Kind { Insert, InsertRolledBack, Pay, Cancel, PayRolledBack, Query }

    private sealed record Op(Kind Kind, int[] Picks, int Minute, int Millis)
    {
        public override string ToString() => $"{Kind}({string.Join(",", Picks)};{Minute}:{Millis})";
    }

    private static readonly Gen<Op> GenOp = Gen.Select(
        Gen.Frequency((6, Gen.Const(Kind.Insert)), (1, Gen.Const(Kind.InsertRolledBack)), (2, Gen.Const(Kind.Pay)), (2, Gen.Const(Kind.Cancel)),
            (1, Gen.Const(Kind.PayRolledBack)), (4, Gen.Const(Kind.Query))),
        Gen.Int[0, 99].Array[12], Gen.Int[0, 5], Gen.Int[0, 2],
        (k, p, m, ms) => new Op(k, p, m, ms));

    [Fact]
    public void RandomOrdersAndPages_IndexAnswersAsThePlainFilter() =>
        GenOp.Array[1, 60].Sample(Run, iter: 300, threads: 1, print: ops => string.Join(" ", ops.Select(o => o.ToString())));

    private static void Run(Op[] ops)
    {
        using var db = new EmulatorDatabase(null);
        var store = new SalesStore(db);
        var ids = new List<string>();
        var n = 0;
        foreach (var op in ops)
        {
            var p = op.Picks;
            string Pick(int i) => ids[p[i] % ids.Count];
            switch (op.Kind)
            {
                case Kind.Insert or Kind.InsertRolledBack:
                {
                    var o = new Order
                    {
                        Id = $"2000000000{n++:D5}", PartnerUid = Partner, InstanceId = "eip-" + p[7] % 4, CustomerUid = Customers[p[0] % 3],
                        PaymentStatus = Statuses[p[1] % 3]!, OrderType = Types[p[2] % 3]!, ProductCode = Codes[p[3] % 3]!,
                        ProductType = ProductTypes[p[4] % 3]!, SubscriptionType = Subscriptions[p[5] % 2]!,
                        // Few distinct times (and whole or sub-millisecond ones): ties on the millisecond are ordered by id.
                        CreateTime = T0.AddMinutes(op.Minute).AddMilliseconds(op.Millis).AddTicks(p[6] % 2 * 3),
                    };
                    if (op.Kind == Kind.Insert)
                    {
                        db.Atomic(() => store.Insert(o));
                        ids.Add(o.Id);
                    }
                    else RollBack(db, () => store.Insert(o));
                    break;
                }
                case Kind.Pay or Kind.Cancel or Kind.PayRolledBack when ids.Count > 0:
                {
                    var o = store.Order(Pick(0))!;
                    o.PaymentStatus = op.Kind == Kind.Cancel ? PaymentStatuses.Cancelled : PaymentStatuses.Paid;
                    if (op.Kind == Kind.PayRolledBack) RollBack(db, () => store.Update(o));
                    else db.Atomic(() => store.Update(o));
                    break;
                }
                case Kind.Query:
                    Query(store, p);
                    break;
            }
        }
        // And once more at the end, every filter alone on the whole list.
        Query(store, [3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    }

    private static void RollBack(EmulatorDatabase db, Action write)
    {
        var act = () => db.Atomic(() =>
        {
            write();
            throw new InvalidOperationException("rolled back");
        });
        act.Should().Throw<InvalidOperationException>();
    }

    private static void Query(SalesStore store, int[] p)
    {
        var scope = p[0] % 4 == 3 ? null : Customers[p[0] % 4];
        // Each filter absent about half the time; a value may be one no order has.
        string? Maybe(int i, string?[] values, string other) => p[i] % 2 == 0 ? null : p[i] / 2 % (values.Length + 1) is var v && v < values.Length ? values[v] ?? other : other;
        var status = Maybe(1, Statuses, "Refunded");
        var type = Maybe(2, Types, "Convert");
        var code = Maybe(3, Codes, "ecs");
        var productType = Maybe(4, ProductTypes, "none");
        var subscription = Maybe(5, Subscriptions, "Other");
        if (code == "") code = "eip"; // a request never carries an empty filter (the wire reads it as absent)
        if (productType == "") productType = "bandwidth";
        DateTime? from = p[6] % 3 == 0 ? T0.AddMinutes(p[7] % 6).AddMilliseconds(p[8] % 3) : null;
        DateTime? to = p[9] % 3 == 0 ? T0.AddMinutes(p[10] % 6).AddMilliseconds(p[8] % 3).AddTicks(p[10] % 2) : null;
        var (num, size) = (1 + p[11] % 3, 1 + p[7] % 5);

        bool Keep(Order o) =>
            (from is null || Wire.Utc(o.CreateTime) >= from) && (to is null || Wire.Utc(o.CreateTime) <= to)
            && (code is null || o.ProductCode == code) && (productType is null || o.ProductType == productType)
            && (subscription is null || o.SubscriptionType == subscription) && (type is null || o.OrderType == type)
            && (status is null || o.PaymentStatus == status);
        var expected = store.OrdersOf(Partner, scope).Where(Keep).OrderBy(OrderListIndex.Key.Of).ToList();

        var byFacets = code is not null || productType is not null || subscription is not null || type is not null || status is not null;
        var (page, total) = store.OrdersPage(Partner, scope, num, size, !byFacets ? null : f =>
            (code is null || f.ProductCode == code) && (productType is null || f.ProductType == productType)
            && (subscription is null || f.SubscriptionType == subscription) && (type is null || f.OrderType == type)
            && (status is null || f.PaymentStatus == status), from, to);

        var because = $"scope {scope ?? "partner"}, status {status}, type {type}, code {code}, productType {productType}, " +
                      $"subscription {subscription}, from {from:O} to {to:O}, page {num} of {size}";
        total.Should().Be(expected.Count, because);
        page.Select(o => o.Id).Should().Equal(expected.Skip((num - 1) * size).Take(size).Select(o => o.Id), because);
    }
}
