using VirtualOperator.ContractTests.Client;

namespace VirtualOperator.ContractTests.Recording;

/// <summary>
/// The account recordings are replayed as: the recorder puts this uid in place of the real account's uid,
/// and the replay target signs with these placeholder keys (the recorded answers do not check signatures).
/// </summary>
public static class ReplayAccount
{
    public const string Uid = "1000000000000001";
    public static readonly AcsCredentials Credentials = new("LTAI-replay-key", "replay-secret");
}
