using System.Collections.Immutable;
using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>The ledgers live only in memory without <c>--data</c>: repro bundles read and restore them here.</summary>
public sealed partial class CreditLedger : IPartnerMemoryState
{
    string IPartnerMemoryState.Collection => CreditsCollection;

    IEnumerable<BsonDocument> IPartnerMemoryState.Export(string partnerUid) =>
        _ledgers.Values.SelectMany(l => l.Values).Where(c => c.PartnerUid == partnerUid)
            .OrderBy(c => c.Id, StringComparer.Ordinal).Select(c => _db.Db.Mapper.ToDocument(c)).ToList();

    Action IPartnerMemoryState.PrepareImport(string partnerUid, IReadOnlyList<BsonDocument> documents)
    {
        var byCustomer = documents.Select(d => _db.Db.Mapper.ToObject<CustomerCredit>(d)).GroupBy(c => c.CustomerUid, StringComparer.Ordinal)
            .Select(g => (g.Key, Ledgers: g.ToImmutableSortedDictionary(c => c.Currency, c => c, StringComparer.Ordinal))).ToList();
        return () =>
        {
            foreach (var (customer, ledgers) in byCustomer) _ledgers[customer] = ledgers;
        };
    }
}
