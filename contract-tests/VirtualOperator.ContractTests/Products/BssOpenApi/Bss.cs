using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Products.BssOpenApi;

/// <summary>BssOpenApi calls as the official SDK makes them (V3, JSON), for the contract tests.</summary>
internal static class Bss
{
    public const string Product = "BssOpenApi";
    public const string Version = "2017-12-14";

    public static Task<AcsResponse> CallAsync(this AcsClient client, string action, IReadOnlyDictionary<string, string>? parameters = null, CallOptions? options = null) =>
        client.CallAsync(Product, Version, action, parameters, options);
}
