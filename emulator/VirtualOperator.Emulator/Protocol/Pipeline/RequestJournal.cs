using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Hosting;

namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>One call as the control plane reports it (<c>GET /_emulator/requests</c>). An RPC call also keeps its API
/// version and parameters (the signature's common parameters left out), so the dashboard can hand it back as a command
/// that makes the same call again.</summary>
public sealed record JournalEntry(
    DateTimeOffset Time, DateTimeOffset WallTime, string? Partner, string? AccessKeyId, string? Product, string? Action,
    int HttpStatus, string Code, string RequestId, bool Injected = false, string? StringToSign = null,
    string? Version = null, IReadOnlyList<CallParameter>? Parameters = null);

/// <summary>One API parameter of a journalled call, in the order it was sent (names may repeat).</summary>
public sealed record CallParameter(string Name, string Value);

/// <summary>
/// Recent calls, newest first, bounded; kept in memory only (it is a debugging aid, not state). One lock over a ring:
/// a partner's clear (take the others' entries out, put them back) must not drop an entry logged meanwhile.
/// </summary>
public sealed class RequestJournal(IOptions<EmulatorOptions> options)
{
    private readonly object _gate = new();
    private readonly LinkedList<JournalEntry> _entries = new();
    private readonly int _capacity = Math.Max(16, options.Value.JournalSize);

    public void Add(JournalEntry entry)
    {
        lock (_gate)
        {
            _entries.AddLast(entry);
            while (_entries.Count > _capacity) _entries.RemoveFirst();
        }
    }

    public IReadOnlyList<JournalEntry> Recent(int limit, string? partner = null)
    {
        var list = new List<JournalEntry>(Math.Clamp(limit, 0, 1000));
        lock (_gate)
        {
            for (var node = _entries.Last; node is not null && list.Count < limit; node = node.Previous)
                if (partner is null || node.Value.Partner == partner) list.Add(node.Value);
        }
        return list;
    }

    /// <summary>Appends entries from a repro bundle (given newest first, as <see cref="Recent"/> answers them).</summary>
    public void Restore(IEnumerable<JournalEntry> newestFirst)
    {
        foreach (var e in newestFirst.Reverse()) Add(e);
    }

    public void Clear(string? partner = null)
    {
        lock (_gate)
        {
            if (partner is null)
            {
                _entries.Clear();
                return;
            }
            for (var node = _entries.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Partner == partner) _entries.Remove(node);
                node = next;
            }
        }
    }
}
