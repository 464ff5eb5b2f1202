using System.Collections.Concurrent;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Mns;

/// <summary>One message as the queue hands it out (MNS ReceiveMessage's nine fields).</summary>
public sealed record DeliveredMessage(
    string MessageId, string? ReceiptHandle, string MessageBodyMD5, string MessageBody, long EnqueueTime,
    long NextVisibleTime, long FirstDequeueTime, int DequeueCount, int Priority, string EventType);

/// <summary>What a receipt handle turned out to be.</summary>
public enum HandleOutcome { Done, Malformed, NotExist }

/// <summary>
/// Every partner's MNS queue: the partner's recorded events (<see cref="MessageStore"/>) plus delivery bookkeeping
/// (<see cref="QueueDelivery"/>). A queue is built in memory from the store when first used and kept current by the
/// store's <see cref="MessageStore.Inserted"/>; its changes are persisted (with <c>--data</c>) before they are answered.
/// Visibility runs on the wall clock (a consumer polls in real time); the times reported are the partner's virtual ones.
/// </summary>
public sealed class PartnerQueues : IStateReset
{
    /// <summary>The queue attribute's default (dd/116238); the emulator's queues keep it.</summary>
    public const int VisibilityTimeoutSeconds = 30;
    public const string Collection = "mns_deliveries";

    private readonly MessageStore _store;
    private readonly EmulatorDatabase _db;
    private readonly VirtualClock _clock;
    private readonly WallClock _wall;
    private readonly ConcurrentDictionary<string, Queue> _queues = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Signal> _signals = new(StringComparer.Ordinal);

    public PartnerQueues(MessageStore store, EmulatorDatabase db, VirtualClock clock, WallClock wall)
    {
        _store = store;
        _db = db;
        _clock = clock;
        _wall = wall;
        db.Collection<QueueDelivery>(Collection).EnsureIndex(d => d.PartnerUid);
        store.Inserted += OnInserted;
    }

    private long WallMs => _wall.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>Receives up to <paramref name="max"/> visible messages, waiting (wall clock) up to <paramref name="wait"/> for one.</summary>
    public async Task<IReadOnlyList<DeliveredMessage>> ReceiveAsync(string partnerUid, int max, TimeSpan wait, CancellationToken ct)
    {
        var deadline = WallMs + (long)wait.TotalMilliseconds;
        while (true)
        {
            // Taken before looking, so an event recorded between the look and the wait still wakes this receiver.
            var woken = SignalOf(partnerUid).Next;
            var queue = QueueOf(partnerUid);
            var got = queue.Receive(max, WallMs, _clock.NowFor(partnerUid).ToUnixTimeMilliseconds(), Persist);
            if (got.Count > 0) return got;
            var now = WallMs;
            if (now >= deadline) return got;
            var until = Math.Min(deadline, queue.NextVisibleAtWall(now) ?? long.MaxValue);
            var delay = TimeSpan.FromMilliseconds(Math.Max(1, until - now));
            // The timer is cancelled once the wait ends either way, so a woken receiver leaves no 30-second timer behind.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(woken, Task.Delay(delay, _wall.Time, timer.Token));
            timer.Cancel();
            ct.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Visible messages without receiving them: no handle, no change.</summary>
    public IReadOnlyList<DeliveredMessage> Peek(string partnerUid, int max) => QueueOf(partnerUid).Peek(max, WallMs);

    public HandleOutcome Delete(string partnerUid, string handle) =>
        ReceiptHandles.MessageIdOf(handle) is not { } id ? HandleOutcome.Malformed : QueueOf(partnerUid).Delete(id, handle, WallMs, Persist);

    public (HandleOutcome Outcome, DeliveredMessage? Message) ChangeVisibility(string partnerUid, string handle, int seconds)
    {
        if (ReceiptHandles.MessageIdOf(handle) is not { } id) return (HandleOutcome.Malformed, null);
        var r = QueueOf(partnerUid).ChangeVisibility(id, handle, seconds, WallMs, _clock.NowFor(partnerUid).ToUnixTimeMilliseconds(), Persist);
        if (r.Outcome == HandleOutcome.Done && seconds == 0) SignalOf(partnerUid).Pulse();
        return r;
    }

    /// <summary>(visible, invisible) message counts: GetQueueAttributes' ActiveMessages and InactiveMessages.</summary>
    public (int Active, int Inactive) Counts(string partnerUid) => QueueOf(partnerUid).Counts(WallMs);

    /// <summary>Every message still in the queue, with its delivery state, in queue order (the control plane's list).</summary>
    public IReadOnlyList<(DeliveredMessage Message, bool Visible)> List(string partnerUid) => QueueOf(partnerUid).List(WallMs);

    /// <summary>Deletes every message of the queue (the control plane's purge); answers how many.</summary>
    public int Purge(string partnerUid) => QueueOf(partnerUid).Purge(Persist);

    public void OnReset(string? partnerUid)
    {
        if (partnerUid is null)
        {
            _queues.Clear();
            foreach (var s in _signals.Values) s.Pulse();
        }
        else
        {
            _queues.TryRemove(partnerUid, out _);
            SignalOf(partnerUid).Pulse();
        }
    }

    private void OnInserted(PartnerMessage m)
    {
        if (_queues.TryGetValue(m.PartnerUid, out var q)) q.Add(m, null);
        SignalOf(m.PartnerUid).Pulse();
    }

    private void Persist(IReadOnlyList<QueueDelivery> changed)
    {
        // One unit of work (EmulatorDatabase.Atomic): a receive of 16 messages is one transaction, written before it is answered.
        _db.Atomic(() =>
        {
            foreach (var d in changed) _db.Persist(Collection, d);
            return 0;
        });
    }

    private Signal SignalOf(string partnerUid) => _signals.GetOrAdd(partnerUid, _ => new Signal());

    private Queue QueueOf(string partnerUid)
    {
        if (_queues.TryGetValue(partnerUid, out var q)) return q;
        var fresh = new Queue(partnerUid);
        lock (fresh)
        {
            var existing = _queues.GetOrAdd(partnerUid, fresh);
            if (!ReferenceEquals(existing, fresh)) return existing;
            // Registered first, then filled under its lock: an event stored meanwhile is either read here or added by
            // OnInserted after this fill (which takes the same lock); Add skips an id it already holds.
            var deliveries = _db.IsDurable
                ? _db.Collection<QueueDelivery>(Collection).Find(d => d.PartnerUid == partnerUid).ToDictionary(d => d.Id)
                : [];
            foreach (var m in _store.ListFor(partnerUid).OrderBy(m => m.Sequence))
                fresh.Add(m, deliveries.GetValueOrDefault(m.Id));
        }
        return fresh;
    }

    /// <summary>A wake-up for long-polling receivers: every pulse completes the current task and starts a new one.</summary>
    private sealed class Signal
    {
        private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Task Next => Volatile.Read(ref _tcs).Task;
        public void Pulse() => Interlocked.Exchange(ref _tcs, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private sealed class Entry(PartnerMessage message, QueueDelivery delivery)
    {
        public PartnerMessage Message { get; } = message;
        public QueueDelivery Delivery { get; } = delivery;

        public bool VisibleAt(long wallMs) => !Delivery.Deleted && Delivery.VisibleAtWall <= wallMs;

        public DeliveredMessage View(bool withHandle) => new(Message.Id, withHandle ? Delivery.ReceiptHandle : null,
            Message.MessageBodyMD5, Message.MessageBody, Message.EnqueueTime,
            Delivery.DequeueCount == 0 ? Message.EnqueueTime : Delivery.NextVisibleTime,
            Delivery.FirstDequeueTime, Delivery.DequeueCount, Message.Priority, Message.EventType);
    }

    /// <summary>One partner's queue; every method runs under its lock.</summary>
    private sealed class Queue(string partnerUid)
    {
        private readonly List<Entry> _order = [];
        private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
        private int _deleted;

        public void Add(PartnerMessage m, QueueDelivery? d)
        {
            lock (this)
            {
                if (_byId.ContainsKey(m.Id)) return;
                var e = new Entry(m, d ?? new QueueDelivery { Id = m.Id, PartnerUid = partnerUid });
                _byId[m.Id] = e;
                if (e.Delivery.Deleted) _deleted++;
                _order.Add(e);
            }
        }

        public IReadOnlyList<DeliveredMessage> Receive(int max, long wallMs, long virtualMs, Action<IReadOnlyList<QueueDelivery>> persist)
        {
            lock (this)
            {
                var taken = _order.Where(e => e.VisibleAt(wallMs)).Take(max).ToList();
                if (taken.Count == 0) return [];
                var before = taken.Select(e => Copy(e.Delivery)).ToList();
                foreach (var e in taken)
                {
                    var d = e.Delivery;
                    d.DequeueCount++;
                    if (d.FirstDequeueTime == 0) d.FirstDequeueTime = virtualMs;
                    d.VisibleAtWall = wallMs + VisibilityTimeoutSeconds * 1000L;
                    d.NextVisibleTime = virtualMs + VisibilityTimeoutSeconds * 1000L;
                    d.ReceiptHandle = ReceiptHandles.New(e.Message.Id, d.DequeueCount);
                }
                Durably(taken, before, persist);
                return taken.Select(e => e.View(withHandle: true)).ToList();
            }
        }

        public IReadOnlyList<DeliveredMessage> Peek(int max, long wallMs)
        {
            lock (this) return _order.Where(e => e.VisibleAt(wallMs)).Take(max).Select(e => e.View(withHandle: false)).ToList();
        }

        public HandleOutcome Delete(string id, string handle, long wallMs, Action<IReadOnlyList<QueueDelivery>> persist)
        {
            lock (this)
            {
                if (Current(id, handle, wallMs) is not { } e) return HandleOutcome.NotExist;
                var before = Copy(e.Delivery);
                e.Delivery.Deleted = true;
                e.Delivery.ReceiptHandle = null;
                Durably([e], [before], persist);
                _deleted++;
                Compact();
                return HandleOutcome.Done;
            }
        }

        public (HandleOutcome Outcome, DeliveredMessage? Message) ChangeVisibility(string id, string handle, int seconds, long wallMs, long virtualMs,
            Action<IReadOnlyList<QueueDelivery>> persist)
        {
            lock (this)
            {
                if (Current(id, handle, wallMs) is not { } e) return (HandleOutcome.NotExist, null);
                var before = Copy(e.Delivery);
                // The new timeout runs from now, not from the receive (dd/35142), and the old handle dies.
                e.Delivery.VisibleAtWall = wallMs + seconds * 1000L;
                e.Delivery.NextVisibleTime = virtualMs + seconds * 1000L;
                e.Delivery.ReceiptHandle = ReceiptHandles.New(id, e.Delivery.DequeueCount);
                Durably([e], [before], persist);
                return (HandleOutcome.Done, e.View(withHandle: true));
            }
        }

        public (int, int) Counts(long wallMs)
        {
            lock (this)
            {
                var live = _order.Where(e => !e.Delivery.Deleted).ToList();
                var active = live.Count(e => e.VisibleAt(wallMs));
                return (active, live.Count - active);
            }
        }

        public IReadOnlyList<(DeliveredMessage, bool)> List(long wallMs)
        {
            lock (this) return _order.Where(e => !e.Delivery.Deleted).Select(e => (e.View(withHandle: true), e.VisibleAt(wallMs))).ToList();
        }

        public int Purge(Action<IReadOnlyList<QueueDelivery>> persist)
        {
            lock (this)
            {
                var live = _order.Where(e => !e.Delivery.Deleted).ToList();
                var before = live.Select(e => Copy(e.Delivery)).ToList();
                foreach (var e in live)
                {
                    e.Delivery.Deleted = true;
                    e.Delivery.ReceiptHandle = null;
                }
                Durably(live, before, persist);
                _deleted += live.Count;
                Compact();
                return live.Count;
            }
        }

        /// <summary>When the next invisible message turns visible again (wall ms), so a waiting receiver wakes for it.</summary>
        public long? NextVisibleAtWall(long wallMs)
        {
            lock (this)
            {
                long? min = null;
                foreach (var e in _order)
                    if (!e.Delivery.Deleted && e.Delivery.VisibleAtWall > wallMs && (min is null || e.Delivery.VisibleAtWall < min))
                        min = e.Delivery.VisibleAtWall;
                return min;
            }
        }

        /// <summary>The message a handle may act on: only the handle of its latest receive, only while it is still invisible.</summary>
        private Entry? Current(string id, string handle, long wallMs) =>
            _byId.TryGetValue(id, out var e) && !e.Delivery.Deleted && e.Delivery.ReceiptHandle == handle && e.Delivery.VisibleAtWall > wallMs
                ? e : null;

        /// <summary>Writes the change; when the write fails the in-memory state goes back, so nothing unwritten is ever answered.</summary>
        private static void Durably(IReadOnlyList<Entry> changed, IReadOnlyList<QueueDelivery> before, Action<IReadOnlyList<QueueDelivery>> persist)
        {
            try
            {
                persist(changed.Select(e => e.Delivery).ToList());
            }
            catch
            {
                for (var i = 0; i < changed.Count; i++) Restore(changed[i].Delivery, before[i]);
                throw;
            }
        }

        // Deleted entries stay in _byId (so a late insert notification cannot bring one back) but leave the scan list.
        private void Compact()
        {
            if (_deleted < 256 || _deleted * 2 < _order.Count) return;
            _order.RemoveAll(e => e.Delivery.Deleted);
            _deleted = 0;
        }

        private static QueueDelivery Copy(QueueDelivery d) => new()
        {
            Id = d.Id, PartnerUid = d.PartnerUid, DequeueCount = d.DequeueCount, FirstDequeueTime = d.FirstDequeueTime,
            NextVisibleTime = d.NextVisibleTime, VisibleAtWall = d.VisibleAtWall, ReceiptHandle = d.ReceiptHandle, Deleted = d.Deleted,
        };

        private static void Restore(QueueDelivery d, QueueDelivery from)
        {
            d.DequeueCount = from.DequeueCount; d.FirstDequeueTime = from.FirstDequeueTime; d.NextVisibleTime = from.NextVisibleTime;
            d.VisibleAtWall = from.VisibleAtWall; d.ReceiptHandle = from.ReceiptHandle; d.Deleted = from.Deleted;
        }
    }
}
