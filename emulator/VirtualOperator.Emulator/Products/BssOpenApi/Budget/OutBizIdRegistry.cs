using LiteDB;
using VirtualOperator.Emulator.Domain;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// OutBizId idempotency ("外部业务主键 ID,用于做幂等性校验使用", ChangeResellerConsumeAmount doc): the first call with
/// an id applies and its answer is kept; a retry with the same content answers that answer again and changes
/// nothing; the same id with other content is refused (IdempotentParameterMismatch).
/// Collection <c>budgetOperations</c>: id <c>{partner}:{action}:{OutBizId}</c>. No PartnerUid index: nothing but a
/// partner reset looks records up by partner (a scan then), while every quota change would pay for the index
/// (most of an insert's cost at 100,000 records, all with the same few partner keys).
/// [I] ids are scoped to the partner and the action (the docs do not say), and kept for the partner's lifetime.
/// </summary>
public sealed class OutBizIdRegistry
{
    private readonly EmulatorDatabase _db;
    private readonly KeyedLocks _locks = new();

    public OutBizIdRegistry(EmulatorDatabase db) => _db = db;

    private ILiteCollection<BudgetOperation> Operations => _db.Collection<BudgetOperation>("budgetOperations");

    /// <summary>
    /// Runs <paramref name="apply"/> once per (partner, action, OutBizId). <paramref name="content"/> is the call's
    /// normalized business content (amounts as decimals, so "10" and "10.00" are the same call). Without an
    /// OutBizId the call simply applies. A failing <paramref name="apply"/> records nothing, so it can be retried.
    /// </summary>
    public const int MaxOutBizIdLength = 128;

    public string Once(string partnerUid, string action, string? outBizId, string content, DateTimeOffset now, Func<string> apply)
    {
        if (outBizId is null) return apply();
        // [I] no documented limit; a longer id would not fit LiteDB's index key after the change was applied.
        if (outBizId.Length > MaxOutBizIdLength)
            throw BudgetErrors.ParameterError("OutBizId", $"it is longer than {MaxOutBizIdLength} characters.");
        var id = $"{partnerUid}:{action}:{outBizId}";
        // Held across the check, the apply and the record, so parallel retries of one id apply exactly once.
        // The change and its record are one LiteDB transaction: they commit together (one commit per call instead of
        // one per write, which was most of a quota change's time) or, when apply throws, neither is written.
        // The commit comes after apply returns, so the caller holds the lock of what apply read-modify-writes (the
        // customer's, CreditLedger.WithCustomerLock) around this call. Lock order: the customer, then this id.
        return _locks.Run(id, () => _db.InTransaction(() =>
        {
            if (Operations.FindById(id) is { } done)
                return done.Content == content ? done.Answer : throw BudgetErrors.IdempotentParameterMismatch(outBizId);
            var answer = apply();
            Operations.Insert(new BudgetOperation
            {
                Id = id, PartnerUid = partnerUid, Action = action, OutBizId = outBizId, Content = content, Answer = answer,
                CreatedAt = now.UtcDateTime,
            });
            return answer;
        }));
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
