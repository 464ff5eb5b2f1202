using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>The OutBizId records live only in memory without <c>--data</c>: repro bundles read and restore them here.</summary>
public sealed partial class OutBizIdRegistry : IPartnerMemoryState
{
    string IPartnerMemoryState.Collection => OperationsCollection;

    IEnumerable<BsonDocument> IPartnerMemoryState.Export(string partnerUid) =>
        _operations.Values.Where(o => o.PartnerUid == partnerUid).OrderBy(o => o.Id, StringComparer.Ordinal)
            .Select(o => _db.Db.Mapper.ToDocument(o)).ToList();

    Action IPartnerMemoryState.PrepareImport(string partnerUid, IReadOnlyList<BsonDocument> documents)
    {
        var operations = documents.Select(d => _db.Db.Mapper.ToObject<BudgetOperation>(d)).ToList();
        return () =>
        {
            foreach (var op in operations) _operations[op.Id] = op;
        };
    }
}
