using System.Globalization;
using CsCheck;

namespace VirtualOperator.Emulator.Tests.Products.BssOpenApi.Budget;

/// <summary>
/// Model-based: random sequences of quota actions (create, set, consume up and down, with reused, fresh and
/// missing OutBizIds, and some bad amounts) run through the wire against a plain in-memory model. After every
/// step the answer's code and data, and every ledger's available amount, must equal the model's.
/// </summary>
public sealed class QuotaModelTests(BudgetFixture f) : IClassFixture<BudgetFixture>
{
    public abstract record Op;
    public sealed record Create(string Amount, string Currency, string? OutBizId) : Op;
    public sealed record Set(string Amount, string? Currency, string? OutBizId) : Op;
    public sealed record Change(bool Increase, string Amount, string Currency, string OutBizId) : Op;

    // Mostly quarters up to 20.00, so balances meet exactly (a decrease equal to, or just above, what was consumed);
    // some arbitrary cents; a few bad amounts. "5" and "5.00" are the same amount.
    private static readonly Gen<int> Cents = Gen.Frequency((4, Gen.Int[0, 80].Select(q => q * 25)), (1, Gen.Int[0, 5000]));
    private static readonly Gen<string> Amount = Gen.Frequency(
        (10, Gen.Select(Cents, Gen.Bool, (cents, plain) =>
            plain && cents % 100 == 0 ? (cents / 100).ToString(CultureInfo.InvariantCulture) : (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture))),
        (1, Gen.OneOfConst("-1", "abc", "0.001", "1e2")));

    private static readonly Gen<string> Currency = Gen.OneOfConst("CNY", "CNY", "USD");
    private static readonly Gen<string?> OptionalBizId = Gen.OneOfConst<string?>(null, null, "q0", "q1");
    private static readonly Gen<string> BizId = Gen.Frequency(
        (3, Gen.Int[0, 4].Select(i => "c" + i)),
        (2, Gen.Int[0, 1_000_000].Select(i => "u" + i)));

    private static readonly Gen<Op> Ops = Gen.Frequency(
        (2, Gen.Select(Amount, Currency, OptionalBizId, (a, c, b) => (Op)new Create(a, c, b))),
        (2, Gen.Select(Amount, Gen.OneOfConst<string?>(null, "CNY", "USD"), OptionalBizId, (a, c, b) => (Op)new Set(a, c, b))),
        (6, Gen.Select(Gen.Bool, Amount, Currency, BizId, (i, a, c, b) => (Op)new Change(i, a, c, b))));

    [Fact]
    public async Task QuotaActions_RandomSequences_AvailableAlwaysEqualsTheModel()
    {
        var p = await f.NewPartnerAsync();
        await Ops.Array[1, 20].SampleAsync(async ops =>
        {
            var customer = await p.NewCustomerAsync();
            var model = new QuotaModel();
            for (var step = 0; step < ops.Length; step++)
            {
                var op = ops[step];
                var (expectedCode, expectedData) = model.Apply(op);
                var r = op switch
                {
                    // OutBizIds are scoped to the partner: prefix them so samples never share one.
                    Create c => await p.CreateQuota(customer, c.Amount, c.Currency, Scoped(customer, c.OutBizId)),
                    Set s => await p.SetQuota(customer, s.Amount, s.Currency, Scoped(customer, s.OutBizId)),
                    Change ch => await p.Change(customer, ch.Increase ? "increase" : "decrease", ch.Amount, Scoped(customer, ch.OutBizId), ch.Currency),
                    _ => throw new InvalidOperationException(),
                };
                var at = $"step {step} {op}: {r.Text}";
                (r.Code ?? "").Should().Be(expectedCode, at);
                if (expectedData is not null) r.Json["Data"]!.ToString().Should().Be(expectedData, at);

                var ledgers = (await p.LedgerViewAsync(customer))["ledgers"]!.AsArray()
                    .ToDictionary(l => l!["currency"]!.GetValue<string>(), l => l!["available"]!.GetValue<string>());
                ledgers.Should().Equal(model.Available(), at);
                (await p.AvailableAsync(customer)).Should().Be(model.QueryAnswer(), at);
            }
        }, iter: 100, threads: 1, print: ops => string.Join("; ", ops.Select(o => o.ToString())));
    }

    private static string? Scoped(string customer, string? outBizId) => outBizId is null ? null : customer + "-" + outBizId;

    /// <summary>The budget rules as plainly as they can be written: the oracle for the emulator.</summary>
    private sealed class QuotaModel
    {
        private readonly Dictionary<string, (decimal Quota, decimal Consumed)> _ledgers = new();
        private readonly Dictionary<string, (string Content, string Answer)> _done = new();

        public (string Code, string? Data) Apply(Op op)
        {
            try
            {
                return op switch
                {
                    Create c => ("200", Once("create", c.OutBizId, $"{c.Currency}|{Parse(c.Amount, true):0.00}", () =>
                    {
                        var amount = Parse(c.Amount, true);
                        if (_ledgers.ContainsKey(c.Currency)) throw new Refused("-303");
                        _ledgers[c.Currency] = (amount, 0m);
                        return "true";
                    })),
                    Set s => ("200", Once("set", s.OutBizId, $"{s.Currency ?? "CNY"}|{Parse(s.Amount, true):0.00}", () =>
                    {
                        var amount = Parse(s.Amount, true);
                        var currency = s.Currency ?? "CNY";
                        if (!_ledgers.TryGetValue(currency, out var l)) throw new Refused("CreditNotFound");
                        _ledgers[currency] = (amount, l.Consumed);
                        return "true";
                    })),
                    Change ch => ("200", Once("change", ch.OutBizId, $"{ch.Increase}|{ch.Currency}|{Parse(ch.Amount, false):0.00}", () =>
                    {
                        var amount = Parse(ch.Amount, false);
                        if (!_ledgers.TryGetValue(ch.Currency, out var l)) throw new Refused("CreditNotFound");
                        if (!ch.Increase && amount > l.Consumed) throw new Refused("ParameterError");
                        var consumed = l.Consumed + (ch.Increase ? amount : -amount);
                        _ledgers[ch.Currency] = (l.Quota, consumed);
                        return consumed.ToString("0.00", CultureInfo.InvariantCulture);
                    })),
                    _ => throw new InvalidOperationException(),
                };
            }
            catch (Refused e)
            {
                return (e.Code, null);
            }
        }

        public Dictionary<string, string> Available() =>
            _ledgers.ToDictionary(l => l.Key, l => (l.Value.Quota - l.Value.Consumed).ToString("0.00", CultureInfo.InvariantCulture));

        public string QueryAnswer()
        {
            var currency = _ledgers.ContainsKey("CNY") ? "CNY" : _ledgers.Keys.Order(StringComparer.Ordinal).FirstOrDefault();
            return currency is null ? "0.00" : Available()[currency];
        }

        private string Once(string action, string? outBizId, string content, Func<string> apply)
        {
            if (outBizId is null) return apply();
            var key = action + "|" + outBizId;
            if (_done.TryGetValue(key, out var done))
                return done.Content == content ? done.Answer : throw new Refused("IdempotentParameterMismatch");
            var answer = apply();
            _done[key] = (content, answer);
            return answer;
        }

        /// <summary>Bad amounts are refused before anything else, idempotency included.</summary>
        private static decimal Parse(string text, bool allowZero)
        {
            if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v)
                || decimal.Round(v, 2) != v || (!allowZero && v == 0))
                throw new Refused("ParameterError");
            return v;
        }

        private sealed class Refused(string code) : Exception(code)
        {
            public string Code { get; } = code;
        }
    }
}
