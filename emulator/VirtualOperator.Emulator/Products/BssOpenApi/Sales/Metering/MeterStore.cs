using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Sales.Metering;

/// <summary>
/// The metered resources (collection <c>meteredResources</c>), and each partner's earliest due time kept in memory:
/// the meter runs before every call of every product and almost always finds nothing due. Writers hold the
/// customer's lock; the cached time is only ever moved earlier by a write, and recomputed from the store after a run.
/// </summary>
public sealed class MeterStore : IStateReset
{
    private readonly EmulatorDatabase _db;
    private readonly object _gate = new();
    private readonly Dictionary<string, DateTime> _earliest = new(StringComparer.Ordinal);

    public MeterStore(EmulatorDatabase db)
    {
        _db = db;
        Resources.EnsureIndex(r => r.PartnerUid);
        Resources.EnsureIndex(r => r.DueKey);
    }

    private ILiteCollection<MeteredResource> Resources => _db.Collection<MeteredResource>("meteredResources");

    public MeteredResource? Find(string id) => Resources.FindById(id);

    public void Upsert(MeteredResource r)
    {
        r.DueKey = MeteredResource.DueKeyOf(r.PartnerUid, r.NextDueAt);
        Resources.Upsert(r);
        lock (_gate)
            if (_earliest.TryGetValue(r.PartnerUid, out var e) && Wire.Utc(r.NextDueAt) < e) _earliest[r.PartnerUid] = Wire.Utc(r.NextDueAt);
    }

    public bool NothingDueBy(string partnerUid, DateTime now)
    {
        lock (_gate)
        {
            if (!_earliest.TryGetValue(partnerUid, out var e)) _earliest[partnerUid] = e = EarliestInStore(partnerUid);
            return e > now;
        }
    }

    /// <summary>After a run: the partner's earliest due time read again from the store.</summary>
    public void Recompute(string partnerUid)
    {
        lock (_gate) _earliest[partnerUid] = EarliestInStore(partnerUid);
    }

    private DateTime EarliestInStore(string partnerUid) =>
        Resources.Query()
            .Where(Query.Between(nameof(MeteredResource.DueKey), MeteredResource.DueKeyOf(partnerUid, DateTime.MinValue),
                MeteredResource.DueKeyOf(partnerUid, DateTime.MaxValue.AddTicks(-1))))
            .OrderBy(r => r.DueKey).Limit(1).ToList().FirstOrDefault() is { } first ? Wire.Utc(first.NextDueAt) : DateTime.MaxValue;

    /// <summary>The partner's resources with a step due at or before <paramref name="now"/>.</summary>
    public IReadOnlyList<MeteredResource> DueBy(string partnerUid, DateTime now) =>
        Resources.Find(Query.Between(nameof(MeteredResource.DueKey), MeteredResource.DueKeyOf(partnerUid, DateTime.MinValue),
            MeteredResource.DueKeyOf(partnerUid, now))).ToList();

    public IReadOnlyList<MeteredResource> OfPartner(string partnerUid) =>
        Resources.Find(r => r.PartnerUid == partnerUid).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();

    public void OnReset(string? partnerUid)
    {
        lock (_gate)
        {
            if (partnerUid is null) _earliest.Clear();
            else _earliest.Remove(partnerUid);
        }
    }
}
