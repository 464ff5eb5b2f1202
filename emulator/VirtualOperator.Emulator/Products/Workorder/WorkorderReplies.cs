namespace VirtualOperator.Emulator.Products.Workorder;

/// <summary>
/// The 2016-08-30 envelopes are lower case (<c>code</c>, <c>message</c>, <c>success</c>, <c>data</c>; dd/143228), and its
/// errors come back in them: <c>-101 ILLEGAL_PARAM</c>, <c>-121 ILLEGAL_AUTH</c> with <c>success:false</c> and HTTP 200 [I:
/// the doc lists the codes, not where they travel]. pop-core only throws on an upper-case <c>Code</c>, so a client sees them
/// as data, as it would from the real service. Every answer also carries the gateway's <c>RequestId</c> [I: the doc examples
/// show the body without it; the POP gateway adds it to every answer].
/// </summary>
public static class WorkorderReplies
{
    public static object Ok(string requestId, object? data) => new { RequestId = requestId, message = "successful", data, code = "200", success = true };

    public static object IllegalParam(string requestId, string param) =>
        new { RequestId = requestId, message = $"illegal parameter, param is {param}", data = (object?)null, code = "-101", success = false };

    public static object IllegalAuth(string requestId) => new { RequestId = requestId, message = "illegal auth", data = (object?)null, code = "-121", success = false };
}
