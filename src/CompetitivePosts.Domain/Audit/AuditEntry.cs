using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace CompetitivePosts.Domain.Audit;

/// <summary>Who did something, as the audit trail records it.</summary>
public sealed record AuditWho(string? UserId, string Name)
{
    public static AuditWho System { get; } = new(null, "system");
}

/// <summary>
/// One line of the append-only audit trail. Entries form a hash chain per competition (and one
/// system chain for what belongs to no competition): Hash = SHA-256(PrevHash ‖ canonical JSON of
/// the entry), so editing, deleting or reordering any stored entry breaks the chain from there on.
/// </summary>
public class AuditEntry
{
    /// <summary>The chain for actions that belong to no competition (units, accounts).</summary>
    public const int SystemChain = 0;

    /// <summary>The previous hash of a chain's first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private AuditEntry()
    {
        UserName = "";
        Action = "";
        PrevHash = "";
        Hash = "";
    }

    private AuditEntry(int competitionId, long seq, DateTimeOffset at, AuditWho who, string action,
        string? before, string? after, string? detail, string prevHash)
    {
        CompetitionId = competitionId;
        Seq = seq;
        At = Truncate(at);
        UserId = who.UserId;
        UserName = who.Name;
        Action = action;
        Before = CanonicalJson.Normalize(before);
        After = CanonicalJson.Normalize(after);
        Detail = CanonicalJson.Normalize(detail);
        PrevHash = prevHash;
        Hash = ComputeHash();
    }

    public long Id { get; private set; }

    /// <summary>The chain: a competition's id, or <see cref="SystemChain"/>.</summary>
    public int CompetitionId { get; private set; }

    /// <summary>1, 2, 3 … within the chain, with no gaps.</summary>
    public long Seq { get; private set; }

    /// <summary>Server time, to the microsecond PostgreSQL keeps.</summary>
    public DateTimeOffset At { get; private set; }

    public string? UserId { get; private set; }

    public string UserName { get; private set; }

    public string Action { get; private set; }

    /// <summary>Values before the change, as canonical JSON keyed "Entity#id"; null for pure additions.</summary>
    public string? Before { get; private set; }

    public string? After { get; private set; }

    /// <summary>What the change does not show by itself, such as a written reason.</summary>
    public string? Detail { get; private set; }

    public string PrevHash { get; private set; }

    public string Hash { get; private set; }

    /// <summary>The next entry of a chain whose last entry is <paramref name="previous"/> (null for a new chain).</summary>
    public static AuditEntry Next(AuditHeadState? previous, int competitionId, DateTimeOffset at, AuditWho who, string action,
        string? before, string? after, string? detail)
    {
        ArgumentNullException.ThrowIfNull(who);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        return new AuditEntry(competitionId, (previous?.Seq ?? 0) + 1, at, who, action, before, after, detail,
            previous?.Hash ?? GenesisHash);
    }

    /// <summary>What the hash covers: every field but the row id and the hash itself.</summary>
    public string CanonicalContent() => CanonicalJson.Write(new JsonObject
    {
        ["action"] = Action,
        ["after"] = Parse(After),
        ["at"] = At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        ["before"] = Parse(Before),
        ["chain"] = CompetitionId,
        ["detail"] = Parse(Detail),
        ["seq"] = Seq,
        ["userId"] = UserId,
        ["userName"] = UserName,
    });

    public string ComputeHash() => ComputeHash(PrevHash, CanonicalContent());

    public static string ComputeHash(string prevHash, string canonicalContent)
    {
        ArgumentNullException.ThrowIfNull(prevHash);
        ArgumentNullException.ThrowIfNull(canonicalContent);
        var prev = Convert.FromHexString(prevHash);
        var content = Encoding.UTF8.GetBytes(canonicalContent);
        return Convert.ToHexStringLower(SHA256.HashData([.. prev, .. content]));
    }

    private static JsonNode? Parse(string? json) => json is null ? null : JsonNode.Parse(json);

    private static DateTimeOffset Truncate(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }
}

/// <summary>
/// Where a chain ends. Kept apart from the entries and moved in the same transaction, so that
/// deleting the newest entries, which leaves a shorter chain that is intact in itself, is caught.
/// </summary>
public class AuditHeadState
{
    private AuditHeadState() { Hash = ""; }

    public AuditHeadState(int competitionId, long seq, string hash)
    {
        CompetitionId = competitionId;
        Seq = seq;
        Hash = hash;
    }

    public int CompetitionId { get; private set; }

    public long Seq { get; private set; }

    public string Hash { get; private set; }

    public void MoveTo(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Seq = entry.Seq;
        Hash = entry.Hash;
    }
}
