using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Acceptance;

/// <summary>
/// One emulator, two partners that each walked through every product (<see cref="ProductTour"/>). Durable (a data
/// file), so every collection is in LiteDB: in memory the credit ledgers and OutBizId records are kept only by their
/// owners (EmulatorDatabase.Persist), and the storage checks read LiteDB.
/// </summary>
public sealed class TourFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), $"vo-tour-{Guid.NewGuid():N}.db");

    public TourFixture() => App = new EmulatorApplication(_dataPath,
        services: s => Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton<VirtualOperator.Emulator.Products.Resources.IResourceDirectory>(s, Instances));

    /// <summary>Instances the tour binds ICP service numbers to (Products/Bsn/BsnKit.cs).</summary>
    public Products.Bsn.TestInstances Instances { get; } = new();

    public EmulatorApplication App { get; }
    public ProductTour First { get; private set; } = null!;
    public ProductTour Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        First = await ProductTour.RunAsync(App, Instances);
        Second = await ProductTour.RunAsync(App, Instances);
    }

    public Task DisposeAsync()
    {
        App.Dispose();
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(_dataPath)!, Path.GetFileNameWithoutExtension(_dataPath) + "*"))
            File.Delete(f);
        return Task.CompletedTask;
    }
}
