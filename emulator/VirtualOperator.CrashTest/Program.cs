using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiteDB;
using VirtualOperator.Emulator.Protocol.Signing;

// Crash safety (issue 11, item 1): an emulator process on a data file, parallel writers of every write kind, SIGKILL at a
// random point, for several rounds. After every kill the data file (a copy, recovered by LiteDB as a restart recovers it)
// must hold every acknowledged write exactly once and nothing half-applied; after every restart the emulator must answer
// retries of acknowledged writes with their first answer. Usage:
//   VirtualOperator.CrashTest --emulator path/to/VirtualOperator.Emulator.dll [--rounds 6] [--seed 11] [--writers 6]
var options = Args.Parse(args);
var dir = Path.Combine(Path.GetTempPath(), "vo-crash-" + Guid.NewGuid().ToString("N")[..8]);
Directory.CreateDirectory(dir);
var dataPath = Path.Combine(dir, "state.db");
var random = new Random(options.Seed);
var book = new Book();
var totals = new Counts();
var failed = false;
Console.WriteLine($"crash safety: {options.Rounds} rounds, {options.Writers} writers, seed {options.Seed}, data {dataPath}");
try
{
    Keys? partner = null;
    for (var round = 1; round <= options.Rounds + 1; round++)
    {
        using var emulator = await Emulator.StartAsync(options.EmulatorDll, dataPath);
        var api = new Api(emulator.Url);
        // The restart: every acknowledged write answers its retry with its first answer (nothing lost, nothing applied twice).
        if (partner is not null)
        {
            var retried = await book.RetryAcknowledgedAsync(api, partner, random);
            if (retried.Mismatches.Count > 0)
            {
                failed = true;
                foreach (var m in retried.Mismatches.Take(5)) Console.WriteLine("  retry mismatch: " + m);
            }
            Console.WriteLine($"  restart {round - 1}: {retried.Checked} acknowledged writes retried, {retried.Mismatches.Count} answered differently");
        }
        if (round > options.Rounds) break;
        partner ??= await book.SetUpAsync(api);

        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, options.Writers)
            .Select(w => Task.Run(() => book.WriteAsync(api, partner, new Random(options.Seed * 100 + round * 10 + w), round, stop.Token)))
            .ToArray();
        var killAfter = TimeSpan.FromMilliseconds(random.Next(400, 2500));
        await Task.Delay(killAfter);
        emulator.Kill();
        stop.Cancel();
        await Task.WhenAll(writers);

        // Each check reads the whole file, so it covers every earlier round too: the last one is the verdict.
        var counts = Check.DataFile(dataPath, dir, partner.Uid, book);
        totals = counts;
        Console.WriteLine($"round {round}: killed after {killAfter.TotalMilliseconds:0} ms; {counts}");
        foreach (var problem in counts.Problems.Take(8)) Console.WriteLine("  " + problem);
        if (counts.Lost + counts.Doubled + counts.HalfApplied > 0) failed = true;
    }
    Console.WriteLine($"crash safety {(failed ? "FAILED" : "passed")}: {options.Rounds} rounds; acknowledged {book.Acknowledged} writes " +
        $"({book.Summary()}); lost {totals.Lost}, doubled {totals.Doubled}, half-applied {totals.HalfApplied}");
}
catch (Exception e)
{
    Console.WriteLine("crash safety FAILED: " + e);
    failed = true;
}
finally
{
    try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
}
return failed ? 1 : 0;

sealed record Args(string EmulatorDll, int Rounds, int Seed, int Writers)
{
    public static Args Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var dll = Value("--emulator") ?? throw new ArgumentException("--emulator path/to/VirtualOperator.Emulator.dll is required");
        return new Args(Path.GetFullPath(dll), int.Parse(Value("--rounds") ?? "6", CultureInfo.InvariantCulture),
            int.Parse(Value("--seed") ?? "11", CultureInfo.InvariantCulture), int.Parse(Value("--writers") ?? "6", CultureInfo.InvariantCulture));
    }
}

sealed record Keys(string Uid, string AccessKeyId, string Secret);

/// <summary>One emulator process on the data file, on a free loopback port.</summary>
sealed class Emulator : IDisposable
{
    private readonly Process _process;
    public string Url { get; }

    private Emulator(Process process, string url) => (_process, Url) = (process, url);

    public static async Task<Emulator> StartAsync(string dll, string dataPath)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { dll, "--data", dataPath, "--urls", "http://127.0.0.1:0" }) info.ArgumentList.Add(a);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(info)!;
        var url = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            output.Enqueue(e.Data);
            var m = Regex.Match(e.Data, @"listening on (http://127\.0\.0\.1:\d+)");
            if (m.Success) url.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var done = await Task.WhenAny(url.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != url.Task)
        {
            if (!process.HasExited) process.Kill();
            throw new InvalidOperationException("the emulator did not start on the data file:\n" + string.Join('\n', output));
        }
        return new Emulator(process, url.Task.Result);
    }

    /// <summary>SIGKILL: no shutdown, no flush, no checkpoint.</summary>
    public void Kill()
    {
        if (_process.HasExited) return;
        _process.Kill();
        _process.WaitForExit();
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}

/// <summary>V1 GET calls, signed by the emulator's own signer, and the control plane.</summary>
sealed class Api(string url)
{
    private readonly HttpClient _http = new() { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(30) };

    public async Task<JsonObject?> CallAsync(Keys keys, string action, Dictionary<string, string> parameters, CancellationToken cancel = default)
    {
        var all = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["Action"] = action, ["Version"] = "2017-12-14", ["AccessKeyId"] = keys.AccessKeyId, ["Format"] = "JSON",
            ["SignatureMethod"] = "HMAC-SHA1", ["SignatureVersion"] = "1.0", ["SignatureNonce"] = Guid.NewGuid().ToString(),
            ["Timestamp"] = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        };
        foreach (var (k, v) in parameters) all[k] = v;
        all["Signature"] = RpcSignatureV1.Sign(RpcSignatureV1.StringToSign("GET", all), keys.Secret, "HMAC-SHA1");
        var query = string.Join('&', all.Select(p => AcsPercentEncoding.Encode(p.Key) + "=" + AcsPercentEncoding.Encode(p.Value)));
        using var response = await _http.GetAsync("/?" + query, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        // Acknowledged: a 200 answer read to its end. Anything else (a refusal, a reset connection) is not.
        return response.IsSuccessStatusCode ? JsonNode.Parse(text)!.AsObject() : null;
    }

    public async Task<Keys> NewPartnerAsync()
    {
        var r = await _http.PostAsJsonAsync("/_emulator/partners", new { testAccount = false });
        r.EnsureSuccessStatusCode();
        var o = (await r.Content.ReadFromJsonAsync<JsonObject>())!;
        return new Keys(o["uid"]!.ToString(), o["accessKeyId"]!.ToString(), o["accessKeySecret"]!.ToString());
    }
}

enum Kind { Customer, QuotaCreate, QuotaSet, Consume, CreateInstance, RenewInstance }

/// <summary>One write sent: its idempotency key, what it asked, and (when acknowledged) what it answered.</summary>
sealed record Attempt(Kind Kind, string Key, string Customer, decimal Amount, Dictionary<string, string> Parameters)
{
    public volatile string? Answer;
    public string? InstanceId;
}

/// <summary>Every write sent, acknowledged or not, by kind and key.</summary>
sealed class Book
{
    private const string Currency = "CNY";
    private readonly ConcurrentDictionary<string, Attempt> _attempts = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<string> _customers = [];
    private readonly ConcurrentBag<Attempt> _instances = [];
    private long _sequence;

    public IEnumerable<Attempt> All => _attempts.Values;
    public int Acknowledged => _attempts.Values.Count(a => a.Answer is not null);
    public string Summary() => string.Join(", ", _attempts.Values.Where(a => a.Answer is not null).GroupBy(a => a.Kind)
        .OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"));
    public Attempt? ByKey(string key) => _attempts.GetValueOrDefault(key);

    public async Task<Keys> SetUpAsync(Api api)
    {
        var partner = await api.NewPartnerAsync();
        for (var i = 0; i < 4; i++)
        {
            var customer = await NewCustomerAsync(api, partner, CancellationToken.None) ?? throw new InvalidOperationException("set-up: CreateAgAccount failed");
            _ = await QuotaAsync(api, partner, customer, Kind.QuotaCreate, CancellationToken.None) ?? throw new InvalidOperationException("set-up: quota failed");
        }
        return partner;
    }

    public async Task WriteAsync(Api api, Keys partner, Random random, int round, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var customers = _customers.ToArray();
                var customer = customers[random.Next(customers.Length)];
                switch (random.Next(10))
                {
                    case 0:
                        if (await NewCustomerAsync(api, partner, stop) is { } fresh) await QuotaAsync(api, partner, fresh, Kind.QuotaCreate, stop);
                        break;
                    case 1:
                        await QuotaAsync(api, partner, customer, Kind.QuotaSet, stop);
                        break;
                    case 2 or 3 or 4:
                        await ConsumeAsync(api, partner, customer, random, stop);
                        break;
                    case 5 or 6 or 7:
                        await CreateInstanceAsync(api, partner, customer, stop);
                        break;
                    default:
                        var instances = _instances.ToArray();
                        if (instances.Length > 0) await RenewAsync(api, partner, instances[random.Next(instances.Length)], stop);
                        break;
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or System.Net.Sockets.SocketException or System.Text.Json.JsonException)
            {
                // The process died under the request: not acknowledged.
                if (!stop.IsCancellationRequested) await Task.Delay(10, CancellationToken.None);
            }
        }
    }

    private string Next(string prefix) => $"{prefix}-{Interlocked.Increment(ref _sequence)}-{Guid.NewGuid().ToString("N")[..6]}";

    private Attempt Add(Kind kind, string key, string customer, decimal amount, Dictionary<string, string> parameters)
    {
        var a = new Attempt(kind, key, customer, amount, parameters);
        _attempts[key] = a;
        return a;
    }

    private static string Action(Kind kind) => kind switch
    {
        Kind.Customer => "CreateAgAccount",
        Kind.QuotaCreate => "CreateResellerUserQuota",
        Kind.QuotaSet => "SetResellerUserQuota",
        Kind.Consume => "ChangeResellerConsumeAmount",
        Kind.CreateInstance => "CreateInstance",
        _ => "RenewInstance",
    };

    private async Task<string?> NewCustomerAsync(Api api, Keys partner, CancellationToken stop)
    {
        var email = Next("crash") + "@example.com";
        var a = Add(Kind.Customer, email, "", 0, new() { ["LoginEmail"] = email });
        var r = await api.CallAsync(partner, Action(a.Kind), a.Parameters, stop);
        if (r?["AgRelationDto"]?["Pk"]?.ToString() is not { } uid) return null;
        a.Answer = uid;
        _customers.Add(uid);
        return uid;
    }

    private async Task<string?> QuotaAsync(Api api, Keys partner, string customer, Kind kind, CancellationToken stop)
    {
        var id = Next("quota");
        var a = Add(kind, id, customer, 1_000_000m, new()
        {
            ["OwnerId"] = customer, ["Currency"] = Currency, ["Amount"] = "1000000.00", ["OutBizId"] = id,
        });
        return a.Answer = (await api.CallAsync(partner, Action(kind), a.Parameters, stop))?["Data"]?.ToString();
    }

    private async Task ConsumeAsync(Api api, Keys partner, string customer, Random random, CancellationToken stop)
    {
        var id = Next("consume");
        var amount = random.Next(1, 1000) / 100m;
        var a = Add(Kind.Consume, id, customer, amount, new()
        {
            ["OwnerId"] = customer, ["AdjustType"] = "increase", ["Currency"] = Currency,
            ["Amount"] = amount.ToString("0.00", CultureInfo.InvariantCulture), ["BusinessType"] = "crash", ["Source"] = "crash-test", ["OutBizId"] = id,
        });
        a.Answer = (await api.CallAsync(partner, Action(a.Kind), a.Parameters, stop))?["Data"]?.ToString();
    }

    private async Task CreateInstanceAsync(Api api, Keys partner, string customer, CancellationToken stop)
    {
        var token = Next("create");
        var a = Add(Kind.CreateInstance, token, customer, 0, new()
        {
            ["OwnerId"] = customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["Period"] = "1",
            ["Parameter.1.Code"] = "Region", ["Parameter.1.Value"] = "cn-hangzhou", ["Parameter.2.Code"] = "Bandwidth", ["Parameter.2.Value"] = "10",
            ["RenewalStatus"] = "ManualRenewal", ["ClientToken"] = token,
        });
        var data = (await api.CallAsync(partner, Action(a.Kind), a.Parameters, stop))?["Data"];
        if (data?["OrderId"]?.ToString() is not { } orderId) return;
        a.InstanceId = data["InstanceId"]!.ToString();
        a.Answer = orderId;
        _instances.Add(a);
    }

    private async Task RenewAsync(Api api, Keys partner, Attempt instance, CancellationToken stop)
    {
        var token = Next("renew");
        var a = Add(Kind.RenewInstance, token, instance.Customer, 0, new()
        {
            ["OwnerId"] = instance.Customer, ["ProductCode"] = "eip", ["SubscriptionType"] = "Subscription", ["InstanceId"] = instance.InstanceId!,
            ["RenewPeriod"] = "1", ["ClientToken"] = token,
        });
        a.InstanceId = instance.InstanceId;
        a.Answer = (await api.CallAsync(partner, Action(a.Kind), a.Parameters, stop))?["Data"]?["OrderId"]?.ToString();
    }

    /// <summary>After a restart: a sample of acknowledged idempotent writes sent again must answer what they answered.</summary>
    public async Task<(int Checked, List<string> Mismatches)> RetryAcknowledgedAsync(Api api, Keys partner, Random random)
    {
        var mismatches = new List<string>();
        var sample = _attempts.Values.Where(a => a.Answer is not null && a.Kind is not Kind.Customer)
            .OrderBy(_ => random.Next()).Take(40).ToList();
        foreach (var a in sample)
        {
            var r = await api.CallAsync(partner, Action(a.Kind), a.Parameters);
            var answer = a.Kind switch
            {
                Kind.CreateInstance or Kind.RenewInstance => r?["Data"]?["OrderId"]?.ToString(),
                _ => r?["Data"]?.ToString(),
            };
            if (answer != a.Answer) mismatches.Add($"{a.Kind} {a.Key}: first answered {a.Answer}, after the restart {answer ?? "an error"}");
        }
        return (sample.Count, mismatches);
    }
}

sealed class Counts
{
    public int Acknowledged, Lost, Doubled, HalfApplied;
    public List<string> Problems { get; } = [];

    public override string ToString() =>
        $"acknowledged so far {Acknowledged}; in the data file: lost {Lost}, doubled {Doubled}, half-applied {HalfApplied}";
}

/// <summary>Reads a copy of the killed emulator's data file (LiteDB recovers it as a restart would) and checks it.</summary>
static class Check
{
    public static Counts DataFile(string dataPath, string dir, string partnerUid, Book book)
    {
        var copy = Path.Combine(dir, "check");
        if (Directory.Exists(copy)) Directory.Delete(copy, true);
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.GetFiles(Path.GetDirectoryName(dataPath)!, Path.GetFileNameWithoutExtension(dataPath) + "*"))
            File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        var counts = new Counts { Acknowledged = book.Acknowledged };
        // Opened as the emulator opens it on restart: LiteDB recovers its log, and the group commit's journal (changes
        // acknowledged before LiteDB had them) is replayed into it.
        using (var db = new VirtualOperator.Emulator.Storage.EmulatorDatabase(Path.Combine(copy, Path.GetFileName(dataPath))))
            Inspect(db.Db, partnerUid, book, counts);
        Directory.Delete(copy, true);
        return counts;
    }

    private static List<BsonDocument> Of(LiteDatabase db, string collection, string partnerUid) =>
        db.GetCollection(collection).Find(Query.EQ("PartnerUid", partnerUid)).ToList();

    private static void Inspect(LiteDatabase db, string partnerUid, Book book, Counts counts)
    {
        var customers = Of(db, "customers", partnerUid);
        var orders = Of(db, "orders", partnerUid);
        var instances = Of(db, "salesInstances", partnerUid).ToDictionary(i => i["_id"].AsString);
        var credits = Of(db, "credits", partnerUid);
        var operations = db.GetCollection("budgetOperations").FindAll().Where(o => o["PartnerUid"].AsString == partnerUid)
            .ToDictionary(o => o["OutBizId"].AsString);
        var messages = Of(db, "messages", partnerUid).Select(m => JsonNode.Parse(m["MessageBody"].AsString)!).ToList();

        void Lost(string what) { counts.Lost++; counts.Problems.Add("lost: " + what); }
        void Doubled(string what) { counts.Doubled++; counts.Problems.Add("doubled: " + what); }
        void Half(string what) { counts.HalfApplied++; counts.Problems.Add("half-applied: " + what); }

        // Every acknowledged write is there.
        var customerIds = customers.Select(c => c["_id"].AsString).ToHashSet();
        var tokens = orders.Where(o => !o["ClientToken"].IsNull).GroupBy(o => o["CustomerUid"].AsString + "|" + o["ClientToken"].AsString)
            .ToDictionary(g => g.Key, g => g.ToList());
        foreach (var a in book.All.Where(a => a.Answer is not null))
        {
            switch (a.Kind)
            {
                case Kind.Customer when !customerIds.Contains(a.Answer!): Lost($"customer {a.Answer}"); break;
                case Kind.QuotaCreate or Kind.QuotaSet or Kind.Consume when !operations.ContainsKey(a.Key): Lost($"{a.Kind} OutBizId {a.Key}"); break;
                case Kind.CreateInstance or Kind.RenewInstance when !tokens.ContainsKey(a.Customer + "|" + a.Key): Lost($"{a.Kind} ClientToken {a.Key}"); break;
                case Kind.CreateInstance when !instances.ContainsKey(a.InstanceId!): Lost($"instance {a.InstanceId}"); break;
            }
        }

        // Nothing twice.
        foreach (var (key, same) in tokens) if (same.Count > 1) Doubled($"{same.Count} orders with ClientToken {key}");
        foreach (var g in customers.GroupBy(c => c["LoginEmail"].AsString)) if (g.Count() > 1) Doubled($"{g.Count()} customers {g.Key}");
        var paidMessages = messages.Where(m => m["EventType"]!.ToString() == "OrderPaid")
            .GroupBy(m => m["Data"]!["OrderId"]!.ToString()).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (order, n) in paidMessages) if (n > 1) Doubled($"{n} OrderPaid messages for order {order}");

        // Nothing half-applied: money matches what moved it, orders and instances and messages match each other.
        var paid = orders.Where(o => o["PaymentStatus"].AsString == "Paid").ToList();
        foreach (var credit in credits)
        {
            var customer = credit["CustomerUid"].AsString;
            var consumedByCalls = operations.Values.Where(o => o["Action"].AsString == "ChangeResellerConsumeAmount")
                .Select(o => book.ByKey(o["OutBizId"].AsString)).Where(a => a is not null && a.Customer == customer).Sum(a => a!.Amount);
            var consumedByOrders = paid.Where(o => o["CustomerUid"].AsString == customer).Sum(o => o["Amount"].AsDecimal);
            var consumed = credit["Consumed"].AsDecimal;
            if (consumed != consumedByCalls + consumedByOrders)
                Half($"customer {customer} consumed {consumed}, its recorded calls {consumedByCalls} and paid orders {consumedByOrders}");
        }
        foreach (var op in operations.Values.Where(o => o["Action"].AsString == "CreateResellerUserQuota"))
            if (book.ByKey(op["OutBizId"].AsString) is { } a && !credits.Any(c => c["CustomerUid"].AsString == a.Customer))
                Half($"quota record {a.Key} without a ledger");
        foreach (var o in paid)
        {
            var id = o["_id"].AsString;
            if (!paidMessages.ContainsKey(id)) Half($"paid order {id} without its OrderPaid message");
            if (!instances.TryGetValue(o["InstanceId"].AsString, out var instance)) Half($"paid {o["OrderType"].AsString} order {id} without instance {o["InstanceId"].AsString}");
            else if (o["OrderType"].AsString == "New" && instance["CreatingOrderId"].AsString != id) Half($"order {id} is not its instance's creating order");
        }
        var paidIds = paid.Select(o => o["_id"].AsString).ToHashSet();
        foreach (var order in paidMessages.Keys) if (!paidIds.Contains(order)) Half($"OrderPaid message for order {order}, which is not there");
        foreach (var (id, instance) in instances)
        {
            if (!paidIds.Contains(instance["CreatingOrderId"].AsString)) Half($"instance {id} without its paid creating order");
            // One month bought, one more for every paid renewal.
            var months = 1 + paid.Count(o => o["OrderType"].AsString == "Renew" && o["InstanceId"].AsString == id);
            var end = instance["CreateTime"].AsDateTime.ToUniversalTime();
            for (var i = 0; i < months; i++) end = end.AddMonths(1);
            if (instance["EndTime"].AsDateTime.ToUniversalTime() != end)
                Half($"instance {id} ends {instance["EndTime"].AsDateTime:O}, but its {months} paid months end {end:O}");
        }
        var created = messages.Where(m => m["EventType"]!.ToString() == "CustomerCreated").Select(m => m["Data"]!["CustomerUid"]!.ToString()).ToHashSet();
        foreach (var c in customerIds) if (!created.Contains(c)) Half($"customer {c} without its CustomerCreated message");
        foreach (var c in created) if (!customerIds.Contains(c)) Half($"CustomerCreated message for customer {c}, who is not there");
    }
}
