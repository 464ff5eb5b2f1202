using LiteDB;

namespace VirtualOperator.Emulator.Storage;

/// <summary>One partner's stored documents as a whole, for repro bundles (ControlPlane/Bundles).</summary>
public sealed partial class EmulatorDatabase
{
    public const string PartnersCollection = "partners";

    /// <summary>Every document naming <paramref name="partnerUid"/>, by collection, in id order; collections in name order.</summary>
    public SortedDictionary<string, List<BsonDocument>> PartnerDocuments(string partnerUid)
    {
        ApplyJournal(); // read below: LiteDB must hold every acknowledged change first
        var result = new SortedDictionary<string, List<BsonDocument>>(StringComparer.Ordinal);
        foreach (var name in CollectionNames().Where(n => !Unscoped.Contains(n)).Order(StringComparer.Ordinal))
        {
            var docs = Db.GetCollection(name).Find(Query.EQ("PartnerUid", partnerUid)).OrderBy(d => d["_id"]).ToList();
            if (docs.Count > 0) result[name] = docs;
        }
        return result;
    }

    /// <summary>Whether <paramref name="name"/> can hold partner documents (not one of the unscoped collections).</summary>
    public static bool IsPartnerCollection(string name) => !Unscoped.Contains(name);

    /// <summary>
    /// Replaces the partner document (with <c>--data</c>) and every document of that partner with the given ones, as one
    /// LiteDB transaction: on any failure (a duplicate id, a unique index) nothing is changed. The caller puts the partner
    /// in place in memory once this has returned (<see cref="Partners.PartnerStore.Replace"/>).
    /// </summary>
    public void ReplacePartner(string partnerUid, BsonDocument partner, IReadOnlyDictionary<string, List<BsonDocument>> documents)
    {
        lock (_writeGate)
        {
            ApplyJournalUnderGate(); // the partner's journaled documents are deleted below, not applied after
            if (!Db.BeginTrans()) throw new InvalidOperationException("A LiteDB transaction is already open on this thread.");
            try
            {
                foreach (var name in CollectionNames().Where(n => !Unscoped.Contains(n)))
                    Db.GetCollection(name).DeleteMany(Query.EQ("PartnerUid", partnerUid));
                // The partner document is the PartnerStore's to keep in memory; LiteDB holds a copy only with --data.
                if (IsDurable)
                {
                    Db.GetCollection(PartnersCollection).Delete(partnerUid);
                    Db.GetCollection(PartnersCollection).Insert(partner);
                }
                foreach (var (name, docs) in documents)
                    if (docs.Count > 0) Db.GetCollection(name).Insert(docs);
                Db.Commit();
            }
            catch
            {
                Db.Rollback();
                throw;
            }
        }
    }

    /// <summary>The document with that id in <paramref name="collection"/>, or null (also when the collection does not exist).</summary>
    public BsonDocument? Find(string collection, BsonValue id)
    {
        ApplyJournal();
        bool exists;
        lock (_writeGate) exists = Db.CollectionExists(collection); // the header page's list: see CollectionNames
        return exists ? Db.GetCollection(collection).FindById(id) : null;
    }
}
