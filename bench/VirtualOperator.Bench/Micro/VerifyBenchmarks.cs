using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Hosting;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Protocol.Pipeline;
using VirtualOperator.Emulator.Protocol.Signing;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Bench.Micro;

/// <summary>The emulator's whole signature check of one call (parse, resolve the key, canonicalize, HMAC,
/// timestamp, nonce), V3 and V1, on requests signed beforehand. Not a BenchmarkDotNet class: every call needs
/// a nonce never used before, so it is a plain timed loop over N pre-signed requests (<c>bench verify</c>).</summary>
public sealed class VerifyBenchmarks
{
    private const int Requests = 100_000;
    private EmulatorDatabase _db = null!;
    private SignatureVerifier _verifier = null!;
    private RpcRequest[] _v3 = null!, _v1 = null!;
    private int _i3, _i1;

    public static void Run(TextWriter log)
    {
        var b = new VerifyBenchmarks();
        b.Setup();
        foreach (var (name, run) in new (string, Func<object>)[] { ("V3", b.VerifyV3), ("V1", b.VerifyV1) })
        {
            for (var i = 0; i < Requests / 10; i++) run(); // warm-up: tiered JIT settles
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var n = Requests - Requests / 10;
            for (var i = 0; i < n; i++) run();
            log.WriteLine($"verify {name}: {sw.Elapsed.TotalMicroseconds / n:F2} us/call over {n} calls");
        }
        b.Cleanup();
    }

    private void Setup()
    {
        _db = new EmulatorDatabase(null);
        var options = Options.Create(new EmulatorOptions());
        var wall = new WallClock(TimeProvider.System);
        var clock = new VirtualClock(wall);
        var partners = new PartnerStore(_db, clock, options);
        var p = partners.EnsureDefault();
        _verifier = new SignatureVerifier([new PartnerCredentialSource(partners)], new NonceCache(wall), wall, clock, options,
            NullLogger<SignatureVerifier>.Instance);
        var signer = new SignedRequests(new Uri("http://127.0.0.1:4590/"), p.AccessKeyId, p.AccessKeySecret);
        _v3 = Enumerable.Range(0, Requests).Select(_ => ToRpc(signer.V3("GetCustomerList"))).ToArray();
        _v1 = Enumerable.Range(0, Requests).Select(_ => ToRpc(signer.V1("GetCustomerList"))).ToArray();
    }

    private void Cleanup() => _db.Dispose();

    private object VerifyV3() => _verifier.Verify(_v3[_i3++]);

    private object VerifyV1() => _verifier.Verify(_v1[_i1++]);

    private static RpcRequest ToRpc(HttpRequestMessage m)
    {
        var ctx = new DefaultHttpContext();
        ctx.Request.Method = m.Method.Method;
        ctx.Request.Path = "/";
        ctx.Request.QueryString = new QueryString(m.RequestUri!.Query);
        ctx.Request.Host = new HostString(m.RequestUri.Authority);
        foreach (var (k, v) in m.Headers) ctx.Request.Headers[k] = v.ToArray();
        return RpcRequest.ReadAsync(ctx.Request, CancellationToken.None).GetAwaiter().GetResult();
    }
}
