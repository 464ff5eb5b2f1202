using System.Collections.Concurrent;
using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// OutBizId idempotency ("外部业务主键 ID,用于做幂等性校验使用", ChangeResellerConsumeAmount doc): the first call with
/// an id applies and its answer is kept; a retry with the same content answers that answer again and changes
/// nothing; the same id with other content is refused (IdempotentParameterMismatch).
/// Collection <c>budgetOperations</c>: id <c>{partner}:{action}:{OutBizId}</c>. No PartnerUid index: nothing but a
/// partner reset looks records up by partner (a scan then), while every quota change would pay for the index.
/// [I] ids are scoped to the partner and the action (the docs do not say), and kept for the partner's lifetime.
/// <para>
/// Every record is also kept in memory (loaded at start) and looked up there: almost every call carries a fresh id,
/// and asking LiteDB for one it does not have cost as much as the rest of the call. Records are written through
/// <see cref="EmulatorDatabase.Persist{T}"/> (to the file with <c>--data</c>).
/// </para>
/// </summary>
public sealed partial class OutBizIdRegistry : IStateReset
{
    private const string OperationsCollection = "budgetOperations";

    /// <summary>[I] no documented limit; a longer id would not fit LiteDB's index key.</summary>
    public const int MaxOutBizIdLength = 128;

    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new(LockLevel.OutBizId, "OutBizId");
    private readonly ConcurrentDictionary<string, BudgetOperation> _operations = new(StringComparer.Ordinal);

    public OutBizIdRegistry(EmulatorDatabase db)
    {
        _db = db;
        foreach (var op in Operations.FindAll()) _operations[op.Id] = op;
    }

    private ILiteCollection<BudgetOperation> Operations => _db.Collection<BudgetOperation>(OperationsCollection);

    /// <summary>A reset deleted records from the store: forget them here too.</summary>
    public void OnReset(string? partnerUid)
    {
        if (partnerUid is null)
        {
            _operations.Clear();
            return;
        }
        foreach (var (id, op) in _operations)
            if (op.PartnerUid == partnerUid) _operations.TryRemove(id, out _);
    }

    /// <summary>
    /// Runs <paramref name="apply"/> once per (partner, action, OutBizId). <paramref name="content"/> is the call's
    /// normalized business content (amounts as decimals, so "10" and "10.00" are the same call). Without an
    /// OutBizId the call simply applies. A failing <paramref name="apply"/> records nothing, so it can be retried.
    /// </summary>
    public string Once(string partnerUid, string action, string? outBizId, string content, DateTimeOffset now, Func<string> apply)
    {
        if (outBizId is null) return apply();
        if (outBizId.Length > MaxOutBizIdLength)
            throw BudgetErrors.ParameterError("OutBizId", $"it is longer than {MaxOutBizIdLength} characters.");
        var id = $"{partnerUid}:{action}:{outBizId}";
        // One unit of work (joined when the caller opened one, as CreditLedger.WithCustomerLock does): the change, its
        // alarm state and messages and this record commit together, or none does. The id's lock is held until that
        // commit (WhenDone), and the answer is kept in memory only once it has committed (AfterCommit), so a retry
        // never answers a change that could still be lost. Call Once before the change's first write (lock order:
        // docs/durability.md).
        return _db.Atomic(() =>
        {
            _db.HoldUntilDone(_locks, id);
            if (_operations.TryGetValue(id, out var done))
                return done.Content == content ? done.Answer : throw BudgetErrors.IdempotentParameterMismatch(outBizId);
            var answer = apply();
            var op = new BudgetOperation
            {
                Id = id, PartnerUid = partnerUid, Action = action, OutBizId = outBizId, Content = content, Answer = answer,
                CreatedAt = now.UtcDateTime,
            };
            _db.Persist(OperationsCollection, op, inserted: true); // a fresh id (checked above, under its lock)
            _db.AfterCommit(() => _operations[id] = op);
            return answer;
        });
    }
}

/// <summary>A budget call that carried an OutBizId, with the answer a retry gets.</summary>
public sealed class BudgetOperation
{
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string Action { get; set; } = "";
    public string OutBizId { get; set; } = "";
    public string Content { get; set; } = "";
    public string Answer { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
