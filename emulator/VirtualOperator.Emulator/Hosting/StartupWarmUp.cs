using Microsoft.Extensions.Options;
using VirtualOperator.Emulator.Clock;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// Most of the emulator's start-up beyond a bare ASP.NET Core app is the first use of LiteDB: compiling its
/// engine and the mapper for the first time (about 150 ms of the 300 ms, docs/performance.md). This runs the
/// same first use on a throw-away in-memory database on another thread while the host is being built, so the
/// real <see cref="EmulatorServiceCollectionExtensions.StartEmulatorState"/> finds that code already compiled.
/// It touches no state the emulator serves; a failure here is ignored (the real start-up reports it).
/// </summary>
public static class StartupWarmUp
{
    public static Task Start() => Task.Run(() =>
    {
        try
        {
            using var db = new EmulatorDatabase(null);
            var options = Options.Create(new EmulatorOptions());
            var partners = new PartnerStore(db, new VirtualClock(new WallClock(TimeProvider.System)), options);
            var p = partners.EnsureDefault();
            partners.FindByAccessKeyId(p.AccessKeyId);
        }
        catch (Exception)
        {
            // Only a head start: whatever failed here fails again, and is reported, on the real path.
        }
    });
}
