namespace VirtualOperator.Emulator.Protocol.Pipeline;

/// <summary>
/// The HTML forms outside the signed path (identity verification, the console pages) read their body here: anything
/// but a well-formed urlencoded or multipart form is refused before a page acts, instead of escaping as a 500.
/// </summary>
public static class FormBody
{
    /// <summary>The form, or why not: 415 for another content type, 400 for a form body that cannot be read (malformed multipart, a NUL).</summary>
    public static async Task<(IFormCollection? Form, int Status, string Error)> ReadAsync(HttpRequest request)
    {
        if (!request.HasFormContentType) return (null, 415, NotAForm);
        try { return (await request.ReadFormAsync(request.HttpContext.RequestAborted), 200, ""); }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or BadHttpRequestException)
        {
            return (null, 400, "This form could not be read: " + e.Message);
        }
    }

    /// <summary>A value with a control character (NUL, ESC…) that no one types into a form; line breaks and tabs are fine.</summary>
    public static bool HasControlCharacters(IFormCollection form) =>
        form.Any(f => f.Value.Any(v => v is not null && v.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'))));

    public const string NotAForm = "This page takes an HTML form (application/x-www-form-urlencoded or multipart/form-data).";
}
