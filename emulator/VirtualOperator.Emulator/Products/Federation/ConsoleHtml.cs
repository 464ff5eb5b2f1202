using System.Net;
using System.Text;

namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>HTML of the emulated console pages: plain, stable markup with <c>data-testid</c> hooks for browser tests.</summary>
internal static class ConsoleHtml
{
    public static string E(string? s) => WebUtility.HtmlEncode(s ?? "");

    public static string Page(string title, string body, ConsoleSession? session, string? head = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append(" - Alibaba Cloud console (emulated)</title>");
        sb.Append(head);
        sb.Append("<style>body{font-family:sans-serif;margin:0}header{background:#ff6a00;color:#fff;padding:8px 16px}")
          .Append("main{padding:16px}nav a{margin-right:12px}label{display:block;margin:8px 0 2px}input,select{width:320px;padding:4px}")
          .Append(".error{color:#b00020}.steps span{margin-right:10px;color:#888}.steps .current{color:#000;font-weight:bold}</style></head><body>");
        sb.Append("<header><strong>Alibaba Cloud</strong> console (VirtualOperator.Emulator)");
        if (session is not null)
            sb.Append(" &middot; account <span data-testid=\"account\">").Append(E(session.CustomerUid)).Append("</span>")
              .Append(" &middot; session until <span data-testid=\"session-expires\">").Append(E(ControlPlane.Iso.Format(session.ExpiresAt))).Append("</span>");
        sb.Append("</header><main>");
        if (session is not null)
            sb.Append("<nav><a href=\"/console/home\">Home</a><a href=\"/console/buy\">Buy</a><a href=\"/console/icp\">ICP filing</a></nav>");
        sb.Append(body).Append("</main></body></html>");
        return sb.ToString();
    }
}
