using LiteDB;
using LiteDB.Engine;
using VirtualOperator.Emulator.Partners;
using VirtualOperator.Emulator.Storage;

namespace VirtualOperator.Emulator.Hosting;

/// <summary>
/// LiteDB's first use (its engine, mapper and expression compiler: about 150 ms of the readiness work, which can only
/// start once the host is built) begun on a pool thread at the top of <see cref="EmulatorHost.Build"/>, while the main
/// thread builds the host (about 170 ms that use one core of two). A throwaway in-memory database makes the same first
/// calls the state's start makes (schema look-up, the partners' index, a partner insert and look-up), so the readiness
/// work finds that code compiled and LiteDB's expression cache filled. Nothing it does is kept, and a failure here is
/// ignored: the real start then does the work itself, as it did before.
/// </summary>
internal static class StartupWarmup
{
    public static void Begin() => _ = Task.Run(() =>
    {
        try
        {
            var mapper = new BsonMapper { EnumAsInteger = false };
            using var db = new LiteDatabase(new LiteEngine(new EngineSettings { DataStream = new MemoryStream(), Collation = EmulatorDatabase.StringCollation }), mapper);
            var meta = db.GetCollection("_meta");
            if (meta.FindById("schema") is null) meta.Upsert(new BsonDocument { ["_id"] = "schema", ["version"] = 1 });
            var partners = db.GetCollection<Partner>("partners");
            partners.EnsureIndex(p => p.AccessKeyId, unique: true);
            partners.Insert(new Partner { Id = "warm-up", AccessKeyId = "warm-up" });
            _ = partners.FindById("warm-up");
            _ = partners.FindOne(x => x.AccessKeyId == "warm-up");
        }
        catch (Exception)
        {
            // Only a head start: the real first use does the same work if this one could not.
        }
    });
}
