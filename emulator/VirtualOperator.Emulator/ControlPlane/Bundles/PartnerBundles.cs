using System.Text.Json;
using System.Text.RegularExpressions;
using LiteDB;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Storage;
using LiteJson = LiteDB.JsonSerializer;

namespace VirtualOperator.Emulator.ControlPlane.Bundles;

/// <summary>
/// Export and import of one partner's whole world. Generic on purpose: the stored part is every document naming the
/// partner in every LiteDB collection, plus what owners keep only in memory (<see cref="IPartnerMemoryState"/>);
/// caches are rebuilt through <see cref="IStateReset.OnReset"/>. An import is checked whole before anything changes,
/// then the stored documents are replaced in one LiteDB transaction; what lives in memory is put in place after it
/// commits, by steps that cannot fail. [I] Calls of that partner arriving during an import may see it half done.
/// </summary>
public sealed partial class PartnerBundles(
    EmulatorDatabase db, PartnerStore partners, VirtualClock clock, WallClock wall, RequestJournal journal, FaultInjector faults,
    IEnumerable<IPartnerMemoryState> memory, IEnumerable<IStateReset> resets)
{
    private readonly object _importGate = new();

    public PartnerBundle? Export(string partnerUid)
    {
        var partner = partners.Document(partnerUid);
        if (partner is null) return null;
        var collections = new SortedDictionary<string, List<BsonDocument>>(db.PartnerDocuments(partnerUid), StringComparer.Ordinal);
        // The owners' memory is the truth for their collections; with --data LiteDB holds the same documents.
        foreach (var owner in memory)
        {
            var docs = owner.Export(partnerUid).ToList();
            if (docs.Count > 0) collections[owner.Collection] = docs;
            else collections.Remove(owner.Collection);
        }
        var (now, appliedUpTo) = clock.ExportPartner(partnerUid);
        return new PartnerBundle
        {
            SchemaVersion = EmulatorDatabase.SchemaVersion,
            EmulatorVersion = ControlPlaneApi.Version,
            ExportedAt = wall.UtcNow,
            PartnerUid = partnerUid,
            Partner = Element(partner),
            Collections = collections.ToDictionary(c => c.Key, c => Element(new BsonArray(c.Value)), StringComparer.Ordinal),
            Clock = new BundleClock(now, appliedUpTo),
            Faults = [.. faults.List(partnerUid)],
            Journal = [.. journal.Recent(int.MaxValue, partnerUid)],
        };
    }

    /// <summary>Loads <paramref name="bundle"/>; a partner of the same uid is replaced only with <paramref name="replace"/>.</summary>
    /// <exception cref="BundleError">The bundle was refused; nothing was changed.</exception>
    public BundleImported Import(PartnerBundle bundle, bool replace)
    {
        var migratedFrom = CheckVersion(bundle);
        var uid = bundle.PartnerUid;
        if (string.IsNullOrWhiteSpace(uid)) throw new BundleError(400, "The bundle names no \"partnerUid\".");
        var partner = Document(bundle.Partner, "partner");
        if (partner["_id"] != uid) throw new BundleError(400, $"The bundle's partner document is not partner {uid}.");
        if (!partner.TryGetValue("AccessKeyId", out var accessKeyId) || !accessKeyId.IsString)
            throw new BundleError(400, "The bundle's partner document has no AccessKeyId.");

        if (bundle.Clock is null || bundle.Clock.Now == default) throw new BundleError(400, "The bundle has no \"clock\".\"now\".");
        foreach (var rule in bundle.Faults ?? [])
        {
            try { FaultInjector.Check(rule); }
            catch (ArgumentException e) { throw new BundleError(400, $"Fault {rule.Id}: {e.Message}"); }
        }

        var documents = new Dictionary<string, List<BsonDocument>>(StringComparer.Ordinal);
        foreach (var (name, array) in bundle.Collections ?? [])
        {
            if (!CollectionName().IsMatch(name) || !EmulatorDatabase.IsPartnerCollection(name))
                throw new BundleError(400, $"\"{name}\" is not a collection a bundle can load.");
            if (array.ValueKind != JsonValueKind.Array) throw new BundleError(400, $"Collection \"{name}\" must be an array of documents.");
            var docs = array.EnumerateArray().Select((e, i) => Document(e, $"{name}[{i}]")).ToList();
            foreach (var d in docs)
            {
                if (!d.TryGetValue("_id", out var id) || id.IsNull) throw new BundleError(400, $"A document of \"{name}\" has no _id.");
                if (d["PartnerUid"] != uid) throw new BundleError(400, $"Document {id.RawValue} of \"{name}\" belongs to partner {d["PartnerUid"].RawValue}, not {uid}.");
            }
            documents[name] = docs;
        }

        lock (_importGate)
        {
            var existing = partners.Get(uid);
            if (existing is not null && !replace)
                throw new BundleError(409, $"Partner {uid} exists in this emulator; import with ?replace=true to replace it and all its state.");
            if (partners.FindByAccessKeyId(accessKeyId.AsString) is { } holder && holder.Uid != uid)
                throw new BundleError(409, $"AccessKeyId {accessKeyId.AsString} belongs to partner {holder.Uid} here; the bundle's partner {uid} cannot take it.");
            foreach (var (name, docs) in documents)
                foreach (var d in docs)
                    if (db.Find(name, d["_id"]) is { } other && other["PartnerUid"] != uid)
                        throw new BundleError(409, $"Document {d["_id"].RawValue} of \"{name}\" exists here for partner {other["PartnerUid"].RawValue}; the bundle cannot take it.");

            // Converted before anything changes: a document an owner cannot read refuses the whole bundle.
            var steps = new List<Action>();
            foreach (var owner in memory)
            {
                try { steps.Add(owner.PrepareImport(uid, documents.GetValueOrDefault(owner.Collection) ?? [])); }
                catch (Exception e) when (e is LiteException or InvalidCastException or FormatException or ArgumentException)
                {
                    throw new BundleError(400, $"Collection \"{owner.Collection}\" does not load: {e.Message}");
                }
            }
            // In memory, the owners alone keep their collections (EmulatorDatabase.Persist): LiteDB gets no copy.
            var stored = db.IsDurable ? documents : documents.Where(d => memory.All(m => m.Collection != d.Key)).ToDictionary(d => d.Key, d => d.Value);

            try { db.ReplacePartner(uid, partner, stored); }
            catch (LiteException e) { throw new BundleError(409, $"The bundle was not loaded (nothing changed): {e.Message}"); }

            // Committed. Now the state outside LiteDB: the partner, caches forgotten, memory owners, clock, faults, journal.
            partners.Replace(partner);
            foreach (var r in resets) r.OnReset(uid);
            foreach (var step in steps) step();
            clock.ImportPartner(uid, bundle.Clock.Now, bundle.Clock.AppliedUpTo);
            faults.Clear(uid);
            foreach (var rule in bundle.Faults ?? [])
            {
                rule.Partner = uid;
                faults.Add(rule);
            }
            journal.Clear(uid);
            journal.Restore((bundle.Journal ?? []).Where(e => e.Partner == uid));
            return new BundleImported(uid, existing is not null, EmulatorDatabase.SchemaVersion, migratedFrom,
                documents.ToDictionary(d => d.Key, d => d.Value.Count, StringComparer.Ordinal));
        }
    }

    /// <summary>Answers the schema the bundle was migrated from (null when current), or refuses it.</summary>
    private static int? CheckVersion(PartnerBundle bundle)
    {
        if (bundle.Format != PartnerBundle.FormatName)
            throw new BundleError(400, $"Not an emulator partner bundle (\"format\" must be \"{PartnerBundle.FormatName}\").");
        if (bundle.SchemaVersion > EmulatorDatabase.SchemaVersion)
            throw new BundleError(400, $"The bundle was written by a newer emulator ({bundle.EmulatorVersion}, schema {bundle.SchemaVersion}); " +
                $"this emulator ({ControlPlaneApi.Version}) reads schema {EmulatorDatabase.SchemaVersion} and older. Nothing was loaded.");
        if (bundle.SchemaVersion < 1)
            throw new BundleError(400, $"Schema {bundle.SchemaVersion} is not a bundle schema this emulator knows how to migrate. Nothing was loaded.");
        // No older schema exists yet. A bump of EmulatorDatabase.SchemaVersion adds its document migration here,
        // applied to the bundle's documents before they are checked, and answers the version it started from.
        return bundle.SchemaVersion == EmulatorDatabase.SchemaVersion ? null : bundle.SchemaVersion;
    }

    private static JsonElement Element(BsonValue value)
    {
        using var doc = JsonDocument.Parse(LiteJson.Serialize(value));
        return doc.RootElement.Clone();
    }

    private static BsonDocument Document(JsonElement e, string where)
    {
        if (e.ValueKind != JsonValueKind.Object) throw new BundleError(400, $"The bundle's {where} must be a JSON object.");
        try { return LiteJson.Deserialize(e.GetRawText()).AsDocument; }
        catch (LiteException ex) { throw new BundleError(400, $"The bundle's {where} is not a stored document: {ex.Message}"); }
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,59}$")]
    private static partial Regex CollectionName();
}
