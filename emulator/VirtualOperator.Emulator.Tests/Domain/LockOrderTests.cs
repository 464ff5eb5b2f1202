using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Products.BssOpenApi.Budget;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Storage;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Domain;

/// <summary>
/// The one lock hierarchy (docs/durability.md, "Lock order"): partner → customer → OutBizId → write gate. A lock taken out
/// of order throws at once, on the thread that took it, instead of waiting (and, under load, deadlocking). That no real
/// call path takes one out of order is shown by the whole suite, which walks them all with the check on.
/// </summary>
public sealed class LockOrderTests
{
    private readonly KeyedLocks _partners = new(LockLevel.Partner, "test partner");
    private readonly KeyedLocks _customers = new(LockLevel.Customer, "test customer");
    private readonly KeyedLocks _keys = new(LockLevel.OutBizId, "test OutBizId");

    private sealed class Thing
    {
        public string Id { get; set; } = "";
        public string PartnerUid { get; set; } = "";
    }

    [Fact]
    public void InOrder_PartnerCustomerOutBizId_Runs()
    {
        _partners.Run("p", () => _customers.Run("c", () => _keys.Run("k", () => 1))).Should().Be(1);
    }

    [Fact]
    public void PartnerLock_UnderACustomerLock_Throws()
    {
        var act = () => _customers.Run("c", () => _partners.Run("p", () => 1));
        act.Should().Throw<LockOrderViolation>()
            .WithMessage("*Partner lock \"p\" (test partner) while holding the Customer lock \"c\" (test customer)*");
        _partners.LiveKeys.Should().Be(0, "the refused lock was never taken");
        _customers.LiveKeys.Should().Be(0);
    }

    [Fact]
    public void CustomerLock_UnderAnOutBizIdLock_Throws()
    {
        var act = () => _keys.Run("k", () => _customers.Run("c", () => 1));
        act.Should().Throw<LockOrderViolation>();
    }

    [Fact]
    public void SecondCustomer_UnderACustomerLock_Throws()
    {
        // Two locks of one level in opposite orders on two threads are the classic deadlock: one lock per level.
        var act = () => _customers.Run("a", () => _customers.Run("b", () => 1));
        act.Should().Throw<LockOrderViolation>().WithMessage("*one lock per level*");
    }

    [Fact]
    public void SameLockAgain_IsReentry_NotAViolation()
    {
        _customers.Run("c", () => _keys.Run("k", () => _customers.Run("c", () => 2))).Should().Be(2);
    }

    [Fact]
    public void AfterAViolation_TheThreadHoldsNothing()
    {
        var act = () => _customers.Run("c", () => _partners.Run("p", () => 1));
        act.Should().Throw<LockOrderViolation>();
        _partners.Run("p", () => _customers.Run("c", () => 3)).Should().Be(3, "the refused nesting left nothing recorded as held");
    }

    [Fact]
    public void HeldLock_LeftOutOfNestingOrder_IsForgotten()
    {
        var outer = _customers.Enter("c");
        var inner = _keys.Enter("k");
        outer.Exit();
        inner.Exit();
        _partners.Run("p", () => 4).Should().Be(4);
    }

    [Fact]
    public void KeyedLock_AfterTheUnitsFirstWrite_Throws()
    {
        using var db = new EmulatorDatabase(null);
        var things = db.Collection<Thing>("things");
        var act = () => db.Atomic(() =>
        {
            things.Insert(new Thing { Id = "1", PartnerUid = "p" });
            return _keys.Run("k", () => 1); // the unit holds the write gate from its first write to its commit
        });
        act.Should().Throw<LockOrderViolation>().WithMessage("*while holding the write gate*");
        things.FindById("1").Should().BeNull("the unit rolled back");
        LockOrder.HoldsWriteGate.Should().BeFalse();
        db.Atomic(() => _keys.Run("k", () => { things.Insert(new Thing { Id = "2", PartnerUid = "p" }); return 1; })).Should().Be(1,
            "a key taken before the first write is in order");
    }

    [Fact]
    public void LedgerAndOrderDesk_TakeTheOneCustomerLock()
    {
        using var app = new EmulatorApplication();
        _ = app.Server;
        var locks = app.Services.GetRequiredService<CustomerLocks>();
        var ledger = app.Services.GetRequiredService<CreditLedger>();
        var desk = app.Services.GetRequiredService<OrderDesk>();
        // Held through the ledger, seen held by the one service; entered again through the desk, it is the same lock (re-entry).
        ledger.WithCustomerLock("5000000000000001", () => desk.UnderCustomerLock("5000000000000001", () => locks.LiveKeys)).Should().Be(1);
        locks.LiveKeys.Should().Be(0);
    }
}
