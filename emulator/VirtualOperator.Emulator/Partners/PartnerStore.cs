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
/// Partners and their AccessKeys, kept in memory and answered from there: a lookup sits on every signed request and every
/// partner message (a LiteDB look-up per message was over half of a year's clock advance, docs/performance.md "Lifecycle
/// and group commit"), and in memory the default partner's seed no longer opens LiteDB at start-up (docs/performance.md,
/// "Start-up, second pass"). With <c>--data</c> every partner is also written to the collection <c>partners</c> (id = uid,
/// unique index AccessKeyId) before it is answered, and loaded from there at start.
/// <para>
/// Partners never change once created; they come and go only by <see cref="Create"/>, <see cref="Replace"/> (a bundle
/// import) and <see cref="Clear"/> (a global reset). So both lookups answer the stored partner itself: read it, never
/// change it.
/// </para>
/// </summary>
public sealed class PartnerStore
{
    public const string Collection = EmulatorDatabase.PartnersCollection;

    private readonly EmulatorDatabase _db;
    private readonly VirtualClock _clock;
    private readonly EmulatorOptions _options;
    private readonly ConcurrentDictionary<string, Partner> _byUid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Partner> _byAccessKey = new(StringComparer.Ordinal);
    // A new partner is checked against both keys, written, then shown, as one step: the partner level of the lock order
    // (docs/durability.md), with one key, since creates are rare and every one checks the same two indexes.
    private readonly KeyedLocks _creating = new(LockLevel.Partner, "partner creation");

    public PartnerStore(EmulatorDatabase db, VirtualClock clock, IOptions<EmulatorOptions> options)
    {
        _db = db;
        _clock = clock;
        _options = options.Value;
        if (!db.IsDurable) return;
        var stored = db.Collection<Partner>(Collection);
        // By expression text, not a lambda: LiteDB translates a lambda through System.Linq.Expressions.
        stored.EnsureIndex(nameof(Partner.AccessKeyId), "$." + nameof(Partner.AccessKeyId), unique: true);
        foreach (var p in stored.FindAll()) Show(p);
    }

    /// <summary>The partner, or null: the stored one, read-only.</summary>
    public Partner? Get(string uid) => _byUid.GetValueOrDefault(uid);

    /// <summary>Every partner, in uid order.</summary>
    public IReadOnlyList<Partner> All() => [.. _byUid.Values.OrderBy(p => p.Id, StringComparer.Ordinal)];

    /// <summary>The partner holding that AccessKeyId (compared byte for byte), or null: the stored one, read-only.</summary>
    public Partner? FindByAccessKeyId(string accessKeyId) => _byAccessKey.GetValueOrDefault(accessKeyId);

    /// <summary>
    /// A new partner, durable before it is answered. A uid or an AccessKeyId already taken is refused as LiteDB's unique
    /// indexes refused it (<see cref="LiteException.INDEX_DUPLICATE_KEY"/>), changing nothing.
    /// </summary>
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
            // As a LiteDB round trip keeps them (whole milliseconds), so a partner reads the same with or without --data.
            CreatedAt = StoredForm.Milliseconds(created.UtcDateTime),
            ExpiresAt = testAccount ? StoredForm.Milliseconds(created.UtcDateTime.AddMonths(_options.TestAccount.ValidityMonths)) : null,
            MessageQueue = $"vo-messages-{uid}",
        };
        return _creating.Run("create", () =>
        {
            if (_byUid.ContainsKey(partner.Id)) throw Duplicate("_id", partner.Id);
            if (_byAccessKey.ContainsKey(partner.AccessKeyId)) throw Duplicate(nameof(Partner.AccessKeyId), partner.AccessKeyId);
            _db.Persist(Collection, partner);
            // Shown once durable; in a unit of work (none calls this in one today), once that unit has committed.
            _db.AfterCommit(() => Show(partner));
            return partner;
        });
    }

    /// <summary>The seeded partner from configuration; created on start-up and again after a global reset.</summary>
    public Partner EnsureDefault()
    {
        var o = _options.Partner;
        return Get(o.Uid) ?? Create(o.Name, o.TestAccount, o.Uid, o.AccessKeyId, o.AccessKeySecret);
    }

    /// <summary>The partner as stored in a data file or a bundle (LiteDB's mapping of <see cref="Partner"/>), or null.</summary>
    public BsonDocument? Document(string uid) => Get(uid) is { } p ? _db.Db.Mapper.ToDocument(p) : null;

    /// <summary>
    /// Puts a bundle's partner document in place of the partner of that uid, if any: called once the import has committed
    /// (with <c>--data</c> the document was written in the import's own transaction). Checked before the import began
    /// (<c>PartnerBundles.Import</c>): its AccessKeyId is free or the replaced partner's.
    /// </summary>
    public void Replace(BsonDocument document)
    {
        var partner = _db.Db.Mapper.ToObject<Partner>(document);
        _creating.Run("create", () =>
        {
            if (_byUid.TryRemove(partner.Id, out var before)) _byAccessKey.TryRemove(before.AccessKeyId, out _);
            Show(partner);
        });
    }

    /// <summary>Forgets every partner (a global reset, which dropped the stored copies).</summary>
    public void Clear() => _creating.Run("create", () =>
    {
        _byAccessKey.Clear();
        _byUid.Clear();
    });

    // The AccessKeyId first: a signed request finds the partner by its key, then may look it up by uid.
    private void Show(Partner p)
    {
        _byAccessKey[p.AccessKeyId] = p;
        _byUid[p.Id] = p;
    }

    private static LiteException Duplicate(string index, string value) =>
        new(LiteException.INDEX_DUPLICATE_KEY, $"Cannot insert duplicate key in unique index '{index}'. The duplicate value is '\"{value}\"'.");

    internal static string RandomAlnum(int length)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return RandomNumberGenerator.GetString(chars, length);
    }
}
