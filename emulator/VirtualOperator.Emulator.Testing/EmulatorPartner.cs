namespace VirtualOperator.Emulator.Testing;

/// <summary>A partner of its own on a running emulator: its credentials for any official SDK, and its control plane.</summary>
public sealed class EmulatorPartner(EmulatorServer server, PartnerCredentials credentials, EmulatorControl control)
{
    public EmulatorServer Server => server;
    public PartnerCredentials Credentials => credentials;
    public string Uid => credentials.Uid;
    public string AccessKeyId => credentials.AccessKeyId;
    public string AccessKeySecret => credentials.AccessKeySecret;

    /// <summary>What an SDK's <c>endpoint</c> takes (<c>127.0.0.1:PORT</c>, with <c>protocol: http</c>).</summary>
    public string Endpoint => server.Endpoint;

    /// <summary>This partner's clock, faults, journal, reset and bundle.</summary>
    public EmulatorControl Control => control;
}
