using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Audit;

public sealed record AuditRow(long Id, long Seq, DateTimeOffset At, string UserName, string Action, string? Before, string? After,
    string? Detail, string Hash);

public sealed record AuditFilter(string? Action = null, string? UserName = null, int Take = 100);

public sealed record AuditHistoryView(CompetitionHeader Header, IReadOnlyList<AuditRow> Entries, int Total, int Matching,
    IReadOnlyList<string> Actions, IReadOnlyList<string> Users);

public sealed record AuditChainSummary(int CompetitionId, string Name, string UnitName, long Entries, DateTimeOffset? LastAt);

/// <summary>Reads the trail: a competition's history, and verifying chains against their hashes.</summary>
public sealed class AuditTrail(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<AuditHistoryView> HistoryAsync(int competitionId, Actor actor, AuditFilter filter, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var competition = await db.Competitions.AsNoTracking().FirstOrDefaultAsync(c => c.Id == competitionId, ct)
            ?? throw new DomainException("No such competition.");
        actor.EnsureCanView(competition.UnitId);

        var all = db.AuditEntries.AsNoTracking().Where(e => e.CompetitionId == competitionId);
        var query = all;
        if (!string.IsNullOrEmpty(filter.Action))
        {
            query = query.Where(e => e.Action == filter.Action);
        }

        if (!string.IsNullOrEmpty(filter.UserName))
        {
            query = query.Where(e => e.UserName == filter.UserName);
        }

        var rows = await query.OrderByDescending(e => e.Seq).Take(Math.Clamp(filter.Take, 1, 5000))
            .Select(e => new AuditRow(e.Id, e.Seq, e.At, e.UserName, e.Action, e.Before, e.After, e.Detail, e.Hash))
            .ToListAsync(ct);
        var actions = await all.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        var users = await all.Select(e => e.UserName).Distinct().OrderBy(u => u).ToListAsync(ct);
        return new AuditHistoryView(await db.HeaderAsync(competition, ct), rows, await all.CountAsync(ct), await query.CountAsync(ct),
            actions, users);
    }

    /// <summary>Every chain a reviewer, observer or administrator may verify: the system chain and each competition's.</summary>
    public async Task<IReadOnlyList<AuditChainSummary>> ChainsAsync(Actor actor, CancellationToken ct = default)
    {
        EnsureMayVerify(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await db.AuditEntries.AsNoTracking().GroupBy(e => e.CompetitionId)
            .Select(g => new { g.Key, Count = g.LongCount(), Last = g.Max(e => e.At) })
            .ToDictionaryAsync(g => g.Key, ct);
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var competitions = await db.Competitions.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.UnitId }).ToListAsync(ct);
        var system = counts.GetValueOrDefault(AuditEntry.SystemChain);
        // A deleted competition's chain stays, and stays verifiable.
        var orphans = counts.Keys.Where(k => k != AuditEntry.SystemChain && competitions.All(c => c.Id != k)).Order();
        return
        [
            new AuditChainSummary(AuditEntry.SystemChain, "", "", system?.Count ?? 0, system?.Last),
            .. competitions.Select(c => new AuditChainSummary(c.Id, c.Name, units.GetValueOrDefault(c.UnitId, ""),
                counts.GetValueOrDefault(c.Id)?.Count ?? 0, counts.GetValueOrDefault(c.Id)?.Last)),
            .. orphans.Select(k => new AuditChainSummary(k, "", "", counts[k].Count, counts[k].Last)),
        ];
    }

    public async Task<AuditVerification> VerifyAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        EnsureMayVerify(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await VerifyChainAsync(db, competitionId, ct);
    }

    /// <summary>Recomputes one chain from PostgreSQL; the tests call it directly.</summary>
    public static async Task<AuditVerification> VerifyChainAsync(AppDbContext db, int competitionId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        // A change audited between the two reads would move the head past the entries read.
        return await db.InOneSnapshotAsync(async () =>
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(e => e.CompetitionId == competitionId).OrderBy(e => e.Seq).ToListAsync(ct);
            var head = await db.AuditHeads.AsNoTracking().FirstOrDefaultAsync(h => h.CompetitionId == competitionId, ct);
            return AuditChain.Verify(competitionId, entries, head);
        }, ct);
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    /// <summary>Stored entries are compact canonical JSON; people read them indented.</summary>
    public static string Pretty(string json) => System.Text.Json.Nodes.JsonNode.Parse(json)?.ToJsonString(Indented) ?? json;

    public static bool MayVerify(Actor actor) => actor is { SeesEveryUnit: true };

    private static void EnsureMayVerify(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayVerify(actor))
        {
            throw new DomainException("Only the organization department, discipline inspection and administrators may verify the audit trail.");
        }
    }
}
