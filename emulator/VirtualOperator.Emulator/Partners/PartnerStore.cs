using System.Collections.Concurrent;
using System.Security.Cryptography;
using LiteDB;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Partners;

/// <summary>
/// Partners and their AccessKeys. Collection <c>partners</c>: id = uid; unique index AccessKeyId.
/// Lookups by AccessKeyId and by uid are cached: they sit on every signed request and every partner message (a LiteDB
/// look-up per message was over half of a year's clock advance, docs/performance.md "Lifecycle and group commit").
/// Partners change only by <see cref="Create"/>, a reset or a bundle import, and the last two call <see cref="ForgetCache"/>.
/// </summary>
public sealed class PartnerStore
{
    private readonly EmulatorDatabase _db;
    private readonly VirtualClock _clock;
    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<string, Partner> _byAccessKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Partner> _byUid = new(StringComparer.Ordinal);
    // Bumped by ForgetCache: a row read before a bundle import committed is not cached after the import forgot the cache.
    private int _generation;

    public PartnerStore(EmulatorDatabase db, VirtualClock clock, IOptions<EmulatorOptions> options)
    {
        _db = db;
        _clock = clock;
        _options = options.Value;
        // By expression text, not a lambda: LiteDB translates a lambda through System.Linq.Expressions, on the start-up path.
        Collection.EnsureIndex(nameof(Partner.AccessKeyId), "$." + nameof(Partner.AccessKeyId), unique: true);
    }

    private ILiteCollection<Partner> Collection => _db.Collection<Partner>("partners");

    /// <summary>The partner, or null: a copy the caller may change (as a LiteDB read answered).</summary>
    public Partner? Get(string uid)
    {
        if (_byUid.TryGetValue(uid, out var cached)) return cached.Copy();
        var generation = Volatile.Read(ref _generation);
        var p = Collection.FindById(uid);
        // Only a committed row is cached: a read inside a unit of work may see that unit's own, still uncommitted, insert.
        if (p is not null && !LockOrder.HoldsWriteGate)
        {
            _byUid[uid] = p.Copy();
            if (Volatile.Read(ref _generation) != generation) _byUid.TryRemove(uid, out _);
        }
        return p;
    }

    public IReadOnlyList<Partner> All() => Collection.FindAll().ToList();

    public Partner? FindByAccessKeyId(string accessKeyId)
    {
        if (_byAccessKey.TryGetValue(accessKeyId, out var cached)) return cached;
        var p = Collection.FindOne(x => x.AccessKeyId == accessKeyId);
        if (p is not null) _byAccessKey[accessKeyId] = p;
        return p;
    }

    public Partner Create(string? name, bool testAccount, string? uid = null, string? accessKeyId = null, string? accessKeySecret = null)
    {
        uid ??= Domain.Uids.New();
        var created = _clock.NowFor(uid);
        var partner = new Partner
        {
            Id = uid,
            Name = string.IsNullOrWhiteSpace(name) ? $"partner-{uid}" : name,
            AccessKeyId = accessKeyId ?? "LTAI5t" + RandomAlnum(18),
            AccessKeySecret = accessKeySecret ?? RandomAlnum(30),
            TestAccount = testAccount,
            CreatedAt = created.UtcDateTime,
            ExpiresAt = testAccount ? created.UtcDateTime.AddMonths(_options.TestAccount.ValidityMonths) : null,
            MessageQueue = $"vo-messages-{uid}",
        };
        Collection.Insert(partner);
        return partner;
    }

    /// <summary>The seeded partner from configuration; created on start-up and again after a global reset.</summary>
    public Partner EnsureDefault()
    {
        var o = _options.Partner;
        return Get(o.Uid) ?? Create(o.Name, o.TestAccount, o.Uid, o.AccessKeyId, o.AccessKeySecret);
    }

    public void ForgetCache()
    {
        Interlocked.Increment(ref _generation);
        _byAccessKey.Clear();
        _byUid.Clear();
    }

    internal static string RandomAlnum(int length)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(chars, length);
    }
}
