namespace VirtualOperator.Emulator.Products.Rds;

/// <summary>
/// One backup set of an instance (CreateBackup). It is listed by DescribeBackups once finished, at <see cref="DoneAt"/> on the
/// virtual clock or <see cref="DoneAtWall"/> in wall time, and no longer once older than the instance's retention period [I].
/// </summary>
public sealed class RdsBackup
{
    /// <summary>A numeric id, as real backup set ids are.</summary>
    public string Id { get; set; } = "";
    public string PartnerUid { get; set; } = "";
    public string CustomerUid { get; set; } = "";
    public string DBInstanceId { get; set; } = "";
    public string JobId { get; set; } = "";
    public string Method { get; set; } = "Physical";
    public string Type { get; set; } = "FullBackup";
    public string Mode { get; set; } = "Manual";
    public string Engine { get; set; } = "";
    public string EngineVersion { get; set; } = "";
    public long Size { get; set; }
    public DateTime StartTime { get; set; }
    public DateTime DoneAt { get; set; }
    public DateTime DoneAtWall { get; set; }

    public bool IsDoneAt(DateTimeOffset now, DateTimeOffset wall) =>
        now.UtcDateTime >= RdsInstance.Utc(DoneAt) || wall.UtcDateTime >= RdsInstance.Utc(DoneAtWall);

    /// <summary>When the set counts as finished: its virtual end, or now when the wall bound ended it earlier.</summary>
    public DateTime EndAt(DateTimeOffset now) => RdsInstance.Utc(DoneAt) < now.UtcDateTime ? RdsInstance.Utc(DoneAt) : now.UtcDateTime;
}
