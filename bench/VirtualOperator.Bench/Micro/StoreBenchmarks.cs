using BenchmarkDotNet.Attributes;
using VirtualOperator.Emulator.Products.BssOpenApi;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Bench.Micro;

/// <summary>LiteDB access on the hot path: one partner's customer list while the store holds
/// <see cref="Stored"/> customers in all (the rest under another partner).</summary>
[MemoryDiagnoser]
public class StoreBenchmarks
{
    private EmulatorDatabase _db = null!;
    private CustomerStore _store = null!;

    [Params(100, 100_000)]
    public int Stored { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _db = new EmulatorDatabase(null);
        _store = new CustomerStore(_db);
        for (var i = 0; i < Stored; i++)
        {
            var partner = i < 20 ? "1688000000000010" : "1688000000000020";
            _store.Create(partner, new Customer { Id = (2000000000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture), LoginEmail = $"c{i}@bench.example.com" }, limited: false, (_, _) => { });
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();

    [Benchmark]
    public int ListTwentyOfStored() => _store.ListForPartner("1688000000000010").Count;
}
