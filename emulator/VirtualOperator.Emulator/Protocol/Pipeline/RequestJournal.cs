using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>One call as the control plane reports it (<c>GET /_emulator/requests</c>).</summary>
public sealed record JournalEntry(
    DateTimeOffset Time, DateTimeOffset WallTime, string? Partner, string? AccessKeyId, string? Product, string? Action,
    int HttpStatus, string Code, string RequestId, bool Injected = false, string? StringToSign = null);

/// <summary>Recent calls, newest first, bounded; kept in memory only (it is a debugging aid, not state).</summary>
public sealed class RequestJournal(IOptions<EmulatorOptions> options)
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private readonly int _capacity = Math.Max(16, options.Value.JournalSize);

    public void Add(JournalEntry entry)
    {
        _entries.Enqueue(entry);
        while (_entries.Count > _capacity && _entries.TryDequeue(out _)) { }
    }

    public IReadOnlyList<JournalEntry> Recent(int limit, string? partner = null) =>
        _entries.Reverse().Where(e => partner is null || e.Partner == partner).Take(Math.Max(0, limit)).ToList();

    /// <summary>Appends entries from a repro bundle (given newest first, as <see cref="Recent"/> answers them).</summary>
    public void Restore(IEnumerable<JournalEntry> newestFirst)
    {
        foreach (var e in newestFirst.Reverse()) Add(e);
    }

    public void Clear(string? partner = null)
    {
        if (partner is null) { _entries.Clear(); return; }
        var keep = _entries.Where(e => e.Partner != partner).ToList();
        _entries.Clear();
        foreach (var e in keep) _entries.Enqueue(e);
    }
}
