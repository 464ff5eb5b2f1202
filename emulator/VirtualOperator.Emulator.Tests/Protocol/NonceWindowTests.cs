using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using VirtualOperator.Emulator.Tests.Support;

namespace VirtualOperator.Emulator.Tests.Protocol;

/// <summary>
/// The nonce cache keeps each nonce for as long as its request could pass the timestamp check (15 minutes of wall
/// time) and no longer; expired nonces are purged in the order they expire (docs/performance.md).
/// </summary>
public sealed class NonceWindowTests : IDisposable
{
    private const string Bss = "2017-12-14";
    private readonly FakeTimeProvider _wall = new(DateTimeOffset.UtcNow);
    private readonly EmulatorApplication _app = new();
    private readonly SignedClient _client;

    public NonceWindowTests()
    {
        var factory = _app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(_wall)));
        _client = new SignedClient(factory.CreateClient(), EmulatorApplication.DefaultAccessKeyId, EmulatorApplication.DefaultSecret);
    }

    public void Dispose() => _app.Dispose();

    private Task<ApiResult> Call(string nonce) => _client.V3("GetCustomerList", Bss, nonce: nonce, date: _wall.GetUtcNow());

    [Fact]
    public async Task ReusedNonce_IsRefusedInsideTheWindow_AndAcceptedOnceMoreAfterIt()
    {
        (await Call("window-nonce")).Status.Should().Be(HttpStatusCode.OK);
        _wall.Advance(TimeSpan.FromMinutes(14));
        (await Call("window-nonce")).Code.Should().Be("SignatureNonceUsed", "the first use could still pass the timestamp check");

        _wall.Advance(TimeSpan.FromMinutes(2));
        (await Call("window-nonce")).Status.Should().Be(HttpStatusCode.OK, "the first use has left the 15-minute window");
        (await Call("window-nonce")).Code.Should().Be("SignatureNonceUsed", "and the new use starts a new window");
    }

    [Fact]
    public async Task ManyNonces_AfterTheWindow_AreAllUsableAgain_AndFreshOnesStillRefuseReplays()
    {
        var nonces = Enumerable.Range(0, 50).Select(i => $"bulk-{i}").ToList();
        foreach (var n in nonces) (await Call(n)).Status.Should().Be(HttpStatusCode.OK);
        _wall.Advance(TimeSpan.FromMinutes(16));
        foreach (var n in nonces) (await Call(n)).Status.Should().Be(HttpStatusCode.OK, $"{n} expired and was purged");
        foreach (var n in nonces.Take(5)) (await Call(n)).Code.Should().Be("SignatureNonceUsed");
    }
}
