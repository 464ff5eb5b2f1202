using System.Security.Cryptography;
using LiteDB;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Products.Resources;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.Bsn;

/// <summary>
/// ICP service numbers: issued for a Running instance of a customer with a public IP (ProductBindBsn), read back,
/// granted to another customer of the same partner, and used by one filing at a time. Instances are seen only through
/// <see cref="IResourceDirectory"/> (ECS registers one), never through a product's own store.
/// Every change of a partner's numbers runs under that partner's lock (also taken by <see cref="IcpFilings"/>, which
/// takes it first).
/// </summary>
public sealed class ServiceNumbers
{
    public const int MaxPerCall = 20;
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Documented resource types (dd/143225) and the product each is read from; only those with a product here are modelled.</summary>
    public static readonly IReadOnlyDictionary<int, string> ModelledTypes = new Dictionary<int, string> { [1] = "ecs" };
    public const int LastDocumentedType = 9;

    private readonly EmulatorDatabase _db;
    private readonly IResourceDirectory[] _directories;
    private readonly IOptions<BsnOptions> _options;

    public KeyedLocks PartnerLocks { get; } = new(LockLevel.Partner, "Bsn service numbers and ICP filings");

    public ServiceNumbers(EmulatorDatabase db, IEnumerable<IResourceDirectory> directories, IOptions<BsnOptions> options)
    {
        _db = db;
        _directories = directories.ToArray();
        _options = options;
        Numbers.EnsureIndex(n => n.PartnerUid);
        Numbers.EnsureIndex(n => n.ResourceId);
    }

    private ILiteCollection<ServiceNumber> Numbers => _db.Collection<ServiceNumber>("bsn_numbers");

    public int Limit => _options.Value.NumbersPerInstance;

    public ResourceView? Resource(string partnerUid, string resourceId) =>
        _directories.Select(d => d.Find(partnerUid, resourceId)).FirstOrDefault(r => r is not null);

    /// <summary>The number of this partner, or null (another partner's numbers do not exist for it).</summary>
    public ServiceNumber? Get(string partnerUid, string sn) =>
        Numbers.FindById(sn) is { } n && n.PartnerUid == partnerUid ? n : null;

    public IReadOnlyList<ServiceNumber> OfResource(string partnerUid, string resourceId) =>
        Numbers.Find(n => n.ResourceId == resourceId).Where(n => n.PartnerUid == partnerUid).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();

    public IReadOnlyList<ServiceNumber> OfPartner(string partnerUid) =>
        Numbers.Find(n => n.PartnerUid == partnerUid).OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToList();

    /// <summary>
    /// The status as the API reports it: a number whose instance was released (or is gone) is invalid (3), whatever it
    /// was; checked on every read rather than stored, so a release needs no call into Bsn.
    /// </summary>
    public BsnStatus StatusOf(ServiceNumber n) =>
        Resource(n.PartnerUid, n.ResourceId) is { } r && !IsReleased(r) ? n.Status : BsnStatus.Invalid;

    private static bool IsReleased(ResourceView r) => string.Equals(r.Status, "Released", StringComparison.OrdinalIgnoreCase);

    /// <summary>Issues <paramref name="num"/> numbers for the customer's instance; the checks in the documented order of causes.</summary>
    public IReadOnlyList<ServiceNumber> Bind(string partnerUid, string customerUid, string resourceId, int resourceType, int num, DateTimeOffset now) =>
        PartnerLocks.Run(partnerUid, () =>
        {
            if (num is < 1 or > MaxPerCall) throw BsnErrors.NumOutOfRange();
            if (resourceType is < 1 or > LastDocumentedType) throw BsnErrors.IllegalRequest($"resourceType {resourceType} is not one of the documented types 1-9.");
            if (!ModelledTypes.TryGetValue(resourceType, out var product)) throw BsnErrors.ProductTypeCannotBind(resourceType);
            var r = Resource(partnerUid, resourceId);
            if (r is null || r.ProductCode != product || IsReleased(r)) throw BsnErrors.InvalidInstance(resourceId);
            if (r.OwnerUid != customerUid) throw BsnErrors.NotInstanceOwner(customerUid, resourceId);
            if (!r.Running) throw BsnErrors.InstanceStatusUnsuitable(resourceId, r.Status);
            if (string.IsNullOrEmpty(r.PublicIp)) throw BsnErrors.NoFilableIp(resourceId);
            var existing = Numbers.Count(n => n.ResourceId == resourceId && n.PartnerUid == partnerUid);
            if (existing + num > Limit) throw BsnErrors.InstanceAtLimit(resourceId, Limit);

            var issued = Enumerable.Range(0, num).Select(_ => new ServiceNumber
            {
                Id = RandomNumberGenerator.GetString(Alphabet, 16), PartnerUid = partnerUid, HolderUid = customerUid, OwnerUid = customerUid,
                ResourceId = resourceId, ResourceType = resourceType, ProductCode = product, Status = BsnStatus.Bound, CreatedAt = now.UtcDateTime,
            }).ToList();
            Numbers.InsertBulk(issued);
            return (IReadOnlyList<ServiceNumber>)issued;
        });

    /// <summary>GrantBsnCode: the holder gives a bound number, not in a filing, to another customer of the same partner.</summary>
    public ServiceNumber Grant(string partnerUid, string sn, string fromUid, string toUid, string? notes, DateTimeOffset now) =>
        PartnerLocks.Run(partnerUid, () =>
        {
            var n = Get(partnerUid, sn) ?? throw BsnErrors.SnNotFound(sn);
            if (n.HolderUid != fromUid) throw BsnErrors.NotOfAccount(sn, fromUid);
            var status = StatusOf(n);
            if (status != BsnStatus.Bound) throw BsnErrors.OperationFailed($"the service code {sn} is {Describe(status)}; only a bound code can be granted.");
            n.HolderUid = toUid;
            n.GrantNotes = notes;
            n.GrantedAt = now.UtcDateTime;
            Numbers.Update(n);
            return n;
        });

    /// <summary>Reserves the customer's number for a filing (status 4), or throws the reason it cannot be used.</summary>
    internal ServiceNumber UseForFiling(string partnerUid, string customerUid, string sn, string filingId)
    {
        var n = Get(partnerUid, sn) ?? throw BsnErrors.ServiceCodeNotFound(sn);
        if (n.HolderUid != customerUid) throw BsnErrors.NotOfAccount(sn, customerUid);
        var status = StatusOf(n);
        if (status != BsnStatus.Bound) throw BsnErrors.OperationFailed($"the service code {sn} is {Describe(status)}; a filing needs a bound code.");
        n.Status = BsnStatus.FilingInProgress;
        n.FilingId = filingId;
        Numbers.Update(n);
        return n;
    }

    /// <summary>The filing's outcome on its number: filed with the ICP number, or bound again after a rejection.</summary>
    internal void SettleFiling(string partnerUid, string sn, string? beianNum)
    {
        if (Get(partnerUid, sn) is not { } n) return;
        n.Status = beianNum is null ? BsnStatus.Bound : BsnStatus.Filed;
        n.BeianNum = beianNum ?? "";
        Numbers.Update(n);
    }

    public static string Describe(BsnStatus s) => s switch
    {
        BsnStatus.Unbound => "unbound",
        BsnStatus.Bound => "bound",
        BsnStatus.Filed => "filed",
        BsnStatus.Invalid => "invalid (its instance was released)",
        _ => "in a filing",
    };
}
