using LiteDB;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// Low-quota alarm rules per customer and the alarm events they raise.
/// Collections: <c>alarmSettings</c> (id customer uid; index PartnerUid), <c>budgetAlarms</c> (id event id; indexes PartnerUid, CustomerUid).
/// A rule raises one event when a ledger's available amount falls below it, then stays silent until the
/// amount is back at or above it (re-armed), so a run of consumption calls raises one event, not one per call.
/// Callers hold the customer's lock (<see cref="CreditLedger"/> evaluates after every change it makes).
/// </summary>
public sealed class BudgetAlarms
{
    public const string LowBalance = "quota_low_balance";

    private readonly EmulatorDatabase _db;

    public BudgetAlarms(EmulatorDatabase db)
    {
        _db = db;
        Settings.EnsureIndex(s => s.PartnerUid);
        Events.EnsureIndex(e => e.PartnerUid);
        Events.EnsureIndex(e => e.CustomerUid);
    }

    private ILiteCollection<AlarmSettings> Settings => _db.Collection<AlarmSettings>("alarmSettings");
    private ILiteCollection<BudgetAlarmEvent> Events => _db.Collection<BudgetAlarmEvent>("budgetAlarms");

    public AlarmSettings? SettingsFor(string customerUid) => Settings.FindById(customerUid);

    /// <summary>
    /// Replaces the customer's rules. A rule sent again unchanged keeps its state (no second event);
    /// new rules start armed and are checked at once against <paramref name="ledgers"/>.
    /// </summary>
    public void Replace(string partnerUid, string customerUid, string alarmType, IReadOnlyList<AlarmThreshold> thresholds,
        IEnumerable<CustomerCredit> ledgers, DateTimeOffset now)
    {
        var old = Settings.FindById(customerUid);
        var keys = thresholds.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var settings = new AlarmSettings
        {
            Id = customerUid, PartnerUid = partnerUid, AlarmType = alarmType, Thresholds = thresholds.ToList(),
            Below = old?.Below.Where(b => keys.Contains(b[(b.IndexOf('|') + 1)..])).ToList() ?? [],
            UpdatedAt = now.UtcDateTime,
        };
        Settings.Upsert(settings);
        foreach (var ledger in ledgers) Evaluate(ledger, now);
    }

    /// <summary>Records an event for every rule this ledger has just fallen below; re-arms the rules it is back above.</summary>
    public void Evaluate(CustomerCredit ledger, DateTimeOffset now)
    {
        var settings = Settings.FindById(ledger.CustomerUid);
        if (settings is null || settings.Thresholds.Count == 0) return;
        var changed = false;
        foreach (var t in settings.Thresholds)
        {
            var stateKey = ledger.Currency + "|" + t.Key;
            var wasBelow = settings.Below.Contains(stateKey);
            var isBelow = t.IsBelow(ledger.Available, ledger.Quota);
            if (isBelow == wasBelow) continue;
            changed = true;
            if (isBelow)
            {
                settings.Below.Add(stateKey);
                RecordLowQuotaAlarm(settings, t, ledger, now);
            }
            else
            {
                settings.Below.Remove(stateKey);
            }
        }
        if (changed) Settings.Update(settings);
    }

    /// <summary>
    /// Keeps the alarm for the partner's message queue. The partner-event service (issue-accounts) was not on
    /// main when this was written, so events live here and are read through the control plane
    /// (<c>GET /_emulator/partners/{uid}/budget/alarms</c>); hand them to that service once it lands.
    /// </summary>
    private void RecordLowQuotaAlarm(AlarmSettings settings, AlarmThreshold t, CustomerCredit ledger, DateTimeOffset now) =>
        Events.Insert(new BudgetAlarmEvent
        {
            Id = Guid.NewGuid().ToString("N"), PartnerUid = settings.PartnerUid, CustomerUid = ledger.CustomerUid,
            AlarmType = settings.AlarmType, Currency = ledger.Currency, ThresholdType = t.ThresholdType, ThresholdKey = t.Key,
            Threshold = t.LimitFor(ledger.Quota), Available = ledger.Available, Quota = ledger.Quota, OccurredAt = now.UtcDateTime,
        });

    /// <summary>The partner's alarm events, oldest first.</summary>
    public IReadOnlyList<BudgetAlarmEvent> EventsFor(string partnerUid, string? customerUid = null) =>
        Events.Find(e => e.PartnerUid == partnerUid)
            .Where(e => customerUid is null || e.CustomerUid == customerUid)
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.Seq).ToList();
}

/// <summary>A customer's alarm rules and which (currency, rule) pairs are currently below their threshold.</summary>
public sealed class AlarmSettings
{
    /// <summary>The customer uid.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string AlarmType { get; set; } = BudgetAlarms.LowBalance;
    public List<AlarmThreshold> Thresholds { get; set; } = [];
    /// <summary><c>{currency}|{threshold key}</c> of every rule that has alarmed and not yet re-armed.</summary>
    public List<string> Below { get; set; } = [];
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One low-quota alarm: the message a partner would receive on its queue.</summary>
public sealed class BudgetAlarmEvent
{
    private static long _seq;

    public string Id { get; set; } = "";
    /// <summary>Orders events raised in the same virtual instant.</summary>
    public long Seq { get; set; } = Interlocked.Increment(ref _seq);
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string AlarmType { get; set; } = BudgetAlarms.LowBalance;
    public string Currency { get; set; } = "";
    public int ThresholdType { get; set; }
    public string ThresholdKey { get; set; } = "";
    public decimal Threshold { get; set; }
    public decimal Available { get; set; }
    public decimal Quota { get; set; }
    public DateTime OccurredAt { get; set; }
}
