using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// Removes secrets from anything about to be written under fixtures/: the recording account's AccessKey id,
/// secret and security token in every encoding they can appear in (raw, percent-encoded once or twice as in
/// an echoed string-to-sign, JSON-escaped), and by pattern any signature, credential, token or LTAI/STS key id.
/// <see cref="AssertClean"/> is the last check before a file is written.
/// </summary>
public sealed partial class SecretScrubber
{
    public const string AccessKeyIdPlaceholder = "<scrubbed:access-key-id>";
    public const string SecretPlaceholder = "<scrubbed:access-key-secret>";
    public const string TokenPlaceholder = "<scrubbed:security-token>";
    public const string SignaturePlaceholder = "<scrubbed:signature>";

    private readonly List<(string Form, string Placeholder)> _known = [];

    public SecretScrubber(AcsCredentials? credentials)
    {
        if (credentials is null) return;
        Add(credentials.AccessKeySecret, SecretPlaceholder);
        if (credentials.SecurityToken is { } token) Add(token, TokenPlaceholder);
        Add(credentials.AccessKeyId, AccessKeyIdPlaceholder);
    }

    /// <summary>The scrubber for this run: knows the real credentials when there are any.</summary>
    public static SecretScrubber Current => LazyCurrent.Value;
    private static readonly Lazy<SecretScrubber> LazyCurrent = new(() => new SecretScrubber(Harness.ContractRun.TrySettings().Settings?.RealCredentials));

    private void Add(string secret, string placeholder)
    {
        if (string.IsNullOrEmpty(secret)) return;
        var once = AcsPercent.Encode(secret);
        foreach (var form in new[]
                 {
                     secret, once, AcsPercent.Encode(once), Uri.EscapeDataString(secret),
                     JsonEncodedText.Encode(secret).ToString(), JsonEncodedText.Encode(secret, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString(),
                 }.Distinct())
            _known.Add((form, placeholder));
        // Longest first, so a secret containing another is replaced whole.
        _known.Sort((a, b) => b.Form.Length.CompareTo(a.Form.Length));
    }

    public string Scrub(string text)
    {
        foreach (var (form, placeholder) in _known) text = text.Replace(form, placeholder, StringComparison.Ordinal);
        text = Signature().Replace(text, m => m.Groups[1].Value + SignaturePlaceholder);
        text = Credential().Replace(text, m => m.Groups[1].Value + AccessKeyIdPlaceholder);
        text = AccessKeyIdParam().Replace(text, m => m.Groups[1].Value + AccessKeyIdPlaceholder);
        text = TokenParam().Replace(text, m => m.Groups[1].Value + TokenPlaceholder);
        text = SecretField().Replace(text, m => m.Groups[1].Value + SecretPlaceholder);
        text = KeyIdShape().Replace(text, AccessKeyIdPlaceholder);
        return text;
    }

    /// <exception cref="InvalidOperationException">A known secret, or something shaped like a key id or signature, is still there.</exception>
    public void AssertClean(string text, string where)
    {
        foreach (var (form, _) in _known)
            if (text.Contains(form, StringComparison.Ordinal))
                throw new InvalidOperationException($"Refusing to write {where}: it still contains a credential after scrubbing.");
        if (KeyIdShape().IsMatch(text) || Signature().Matches(text).Any(m => !m.Value.EndsWith(SignaturePlaceholder, StringComparison.Ordinal)))
            throw new InvalidOperationException($"Refusing to write {where}: it still contains an AccessKey id or signature after scrubbing.");
    }

    // name=value / name%3Dvalue / name%253Dvalue / "name": "value" / name:value; the value runs to a separator.
    private const string Sep = @"(?=&|%26|%2526|,|;|""|'|\s|<|$)";

    [GeneratedRegex(@"((?<![A-Za-z-])Signature(?:=|%3D|%253D|""\s*:\s*""|:\s*))(?!<scrubbed)[^&\s"",;<]+?" + Sep)]
    private static partial Regex Signature();

    [GeneratedRegex(@"(Credential=)(?!<scrubbed)[^,\s""]+")]
    private static partial Regex Credential();

    [GeneratedRegex(@"((?:AccessKeyId|x-acs-accesskey-id)(?:=|%3D|%253D|""\s*:\s*""|:\s*))(?!<scrubbed)[^&\s"",;<]+?" + Sep, RegexOptions.IgnoreCase)]
    private static partial Regex AccessKeyIdParam();

    [GeneratedRegex(@"((?:SecurityToken|x-acs-security-token)(?:=|%3D|%253D|""\s*:\s*""|:\s*))(?!<scrubbed)[^&\s"",;<]+?" + Sep, RegexOptions.IgnoreCase)]
    private static partial Regex TokenParam();

    [GeneratedRegex(@"((?:AccessKeySecret)(?:=|%3D|%253D|""\s*:\s*""|:\s*))(?!<scrubbed)[^&\s"",;<]+?" + Sep, RegexOptions.IgnoreCase)]
    private static partial Regex SecretField();

    [GeneratedRegex(@"\b(?:LTAI[0-9A-Za-z]{8,}|STS\.[0-9A-Za-z]{8,})")]
    private static partial Regex KeyIdShape();
}
