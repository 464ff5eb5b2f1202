using VirtualOperator.Emulator.Products.BssOpenApi.Sales;
using VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;
using VirtualOperator.Emulator.Products.Instances;

namespace VirtualOperator.Emulator.Tests.Products.Instances;

public sealed class InstanceStateMachineTests
{
    private static readonly TimeSpan S = TimeSpan.FromSeconds(1);

    private static InstanceStateMachine Machine(bool locksFirst, TimeSpan? wall = null) => new InstanceStateMachine { LocksFirst = locksFirst, WallBound = wall }
        .Transition("Rebooting", ("Stopping", 2 * S), ("Starting", 2 * S))
        .Lock(LockCause.Expired, "expired", "Stopped")
        .Lock(LockCause.StoppedForArrears, "financial", "Stopped");

    [Theory]
    [InlineData(0, "Stopping")]
    [InlineData(1.9, "Stopping")]
    [InlineData(2, "Starting")]
    [InlineData(3.9, "Starting")]
    [InlineData(4, "Running")]
    public void Transition_ShowsEachPhaseForItsDuration_ThenTheSettledStatus(double seconds, string expected)
    {
        Machine(true).StatusOf("Running", "Rebooting", TimeSpan.FromSeconds(seconds), []).Should().Be(expected);
        Machine(true).Duration("Rebooting").Should().Be(4 * S);
    }

    [Fact]
    public void Locks_FromSubscriptionAndMeter_InDeclaredOrder_ForceTheirStatus()
    {
        var m = Machine(locksFirst: true);
        var locks = m.LocksOf(new SalesInstance { Status = InstanceStatuses.Expired }, new MeteredResource { State = MeterStates.StoppedForArrears });
        locks.Should().Equal("expired", "financial");
        m.LocksOf(new SalesInstance(), new MeteredResource()).Should().BeEmpty();
        m.StatusOf("Running", "Rebooting", S, locks).Should().Be("Stopped", "a lock outranks a transition when LocksFirst");
        Machine(locksFirst: false).StatusOf("Running", "Rebooting", S, locks).Should().Be("Stopping", "else the transition shows first");
        Machine(locksFirst: false).StatusOf("Running", "Rebooting", 5 * S, locks).Should().Be("Stopped");
    }

    [Fact]
    public void WallBound_EndsATransitionEarly_AndUnknownTransitionsAreSettled()
    {
        var m = Machine(true, wall: 3 * S);
        m.StatusOf("Running", "Rebooting", S, [], wallElapsed: 2 * S).Should().Be("Stopping");
        m.StatusOf("Running", "Rebooting", S, [], wallElapsed: 3 * S).Should().Be("Running");
        m.StatusOf("Running", "None", S, []).Should().Be("Running");
    }
}
