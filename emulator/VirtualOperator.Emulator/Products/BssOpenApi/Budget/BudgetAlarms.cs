using LiteDB;
using VirtualOperator.Emulator.Products.Messages;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Products.BssOpenApi.Budget;

/// <summary>
/// Low-quota alarm rules per customer, and the events they raise on the partner's message queue
/// (<see cref="PartnerEvents"/>, event type <see cref="PartnerEventTypes.QuotaLowBalance"/>).
/// Collection <c>alarmSettings</c>: id customer uid; index PartnerUid.
/// A rule raises one event when a ledger's available amount falls below it, then stays silent until the
/// amount is back at or above it (re-armed), so a run of consumption calls raises one event, not one per call.
/// Callers hold the customer's lock (<see cref="CreditLedger"/> evaluates after every change it makes).
/// </summary>
public sealed partial class BudgetAlarms
{
    public const string LowBalance = "quota_low_balance";

    private readonly EmulatorDatabase _db;
    private readonly PartnerEvents _events;
    // Customers known to have no rules, so a quota change of one (the common case) skips the settings lookup.
    // Changed only under the customer's lock (Evaluate and Replace both run under it), and only Replace adds rules:
    // resets only delete them, which keeps an entry true.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _withoutRules = new(StringComparer.Ordinal);

    public BudgetAlarms(EmulatorDatabase db, PartnerEvents events)
    {
        _db = db;
        _events = events;
        Settings.EnsureIndex(s => s.PartnerUid);
    }

    private ILiteCollection<AlarmSettings> Settings => _db.Collection<AlarmSettings>("alarmSettings");

    public AlarmSettings? SettingsFor(string customerUid) => Settings.FindById(customerUid);

    /// <summary>
    /// Replaces the customer's rules. A rule sent again unchanged keeps its state (no second event);
    /// new rules start armed and are checked at once against <paramref name="ledgers"/>.
    /// </summary>
    public void Replace(string partnerUid, string customerUid, string alarmType, IReadOnlyList<AlarmThreshold> thresholds,
        IEnumerable<CustomerCredit> ledgers, DateTimeOffset now)
    {
        _withoutRules.TryRemove(customerUid, out _);
        var old = Settings.FindById(customerUid);
        var keys = thresholds.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        Settings.Upsert(new AlarmSettings
        {
            Id = customerUid, PartnerUid = partnerUid, AlarmType = alarmType, Thresholds = thresholds.ToList(),
            Below = old?.Below.Where(b => keys.Contains(b[(b.IndexOf('|') + 1)..])).ToList() ?? [],
            UpdatedAt = now.UtcDateTime,
        });
        foreach (var ledger in ledgers) Evaluate(ledger, now);
    }

    /// <summary>Records an event for every rule this ledger has just fallen below; re-arms the rules it is back above.</summary>
    public void Evaluate(CustomerCredit ledger, DateTimeOffset now)
    {
        if (_withoutRules.ContainsKey(ledger.CustomerUid)) return;
        var settings = Settings.FindById(ledger.CustomerUid);
        if (settings is null || settings.Thresholds.Count == 0)
        {
            _withoutRules[ledger.CustomerUid] = true;
            return;
        }
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
    /// [I] no public source shows the reseller's low-quota message; the payload names what a partner's handler needs.
    /// Amounts are strings with two places, exactly as the ledger holds them.
    /// </summary>
    private void RecordLowQuotaAlarm(AlarmSettings settings, AlarmThreshold t, CustomerCredit ledger, DateTimeOffset now) =>
        _events.Record(settings.PartnerUid, PartnerEventTypes.QuotaLowBalance, new
        {
            CustomerUid = ledger.CustomerUid,
            AlarmType = settings.AlarmType,
            Currency = ledger.Currency,
            ThresholdType = t.ThresholdType,
            ThresholdAmount = Money.Format(t.LimitFor(ledger.Quota)),
            AvailableAmount = Money.Format(ledger.Available),
            QuotaAmount = Money.Format(ledger.Quota),
        }, now);
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
