using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>One emulator, two partners that each walked through every product (<see cref="ProductTour"/>).</summary>
public sealed class TourFixture : IAsyncLifetime
{
    public EmulatorApplication App { get; } = new();
    public ProductTour First { get; private set; } = null!;
    public ProductTour Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = await ProductTour.RunAsync(App);
        Second = await ProductTour.RunAsync(App);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        return Task.CompletedTask;
    }
}
