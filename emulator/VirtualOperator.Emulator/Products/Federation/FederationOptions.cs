namespace VirtualOperator.Emulator.Products.Federation;

/// <summary>Bound from <c>Emulator:Federation</c>. Defaults are the documented real values.</summary>
public sealed class FederationOptions
{
    public const string Section = "Emulator:Federation";

    /// <summary>GetSigninToken doc: a SigninToken is valid 30 s after issue (and never past its STS credentials).</summary>
    public int SigninTokenSeconds { get; set; } = 30;

    /// <summary>A logon-free console session lasts one hour (virtual time).</summary>
    public int ConsoleSessionMinutes { get; set; } = 60;

    /// <summary>How long the "login expired" page waits before it sends the frame to LoginUrl (wall-clock seconds).</summary>
    public int ExpiredPageRedirectSeconds { get; set; } = 3;
}
