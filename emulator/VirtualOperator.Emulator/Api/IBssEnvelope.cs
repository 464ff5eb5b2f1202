namespace VirtualOperator.Emulator.Api;

/// <summary>
/// The success envelope most RPC answers share (Code, Message, RequestId, Success). Generated answer types whose catalog
/// shape has those four fields implement it, so one helper (<c>BssResponse.Success</c>) fills it for every product.
/// </summary>
public interface IBssEnvelope
{
    string? Code { get; set; }
    string? Message { get; set; }
    string? RequestId { get; set; }
    bool? Success { get; set; }
}
