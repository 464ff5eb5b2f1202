using VirtualOperator.ContractTests.Harness;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// Marks each call with the contract test that made it and its number within that test (unsigned headers the
/// cloud ignores). The recorder files proxied exchanges by them; the replay server matches on them.
/// </summary>
public sealed class TestCallHeaders(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    public const string TestHeader = "x-vo-test";
    public const string CallHeader = "x-vo-call";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (TestContext.Current is { } test)
        {
            request.Headers.TryAddWithoutValidation(TestHeader, test.Id);
            request.Headers.TryAddWithoutValidation(CallHeader, test.NextCall().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return base.SendAsync(request, cancellationToken);
    }
}
