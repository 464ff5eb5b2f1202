using VirtualOperator.Emulator.Protocol.Errors;

namespace VirtualOperator.Emulator.Protocol.Dispatch;

/// <summary>
/// A product whose service answers bad parameters with its own codes instead of the gateway's MissingParameter /
/// InvalidParameter (Bsn documents "602 required parameter empty"). Registered per product; the pipeline passes the
/// catalog check's error through <see cref="Translate"/> for that product's actions.
/// </summary>
public interface IParameterErrors
{
    string Product { get; }

    /// <summary>The product's error for a gateway parameter error (<c>MissingParameter</c> or <c>InvalidParameter</c>).</summary>
    ApiException Translate(ApiException gatewayError);
}
