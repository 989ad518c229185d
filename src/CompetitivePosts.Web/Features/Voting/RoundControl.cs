using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Tally;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// Opening and closing a round. The close is atomic with submits: its UPDATE of the round row waits
/// for every submit holding the row FOR SHARE, and every submit after it sees the round closed
/// (docs/adr/0016). After a signed round closes its last ballots are sealed into the chain; an
/// unsigned round's ballots are rewritten in the order of their random keys in the closing transaction.
/// </summary>
public sealed class RoundControl(IDbContextFactory<AppDbContext> dbFactory, BallotChainService chain, TallyNotifier notifier, TimeProvider clock)
{
    public async Task OpenAsync(int competitionId, Actor actor, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A ballot kind changed or a voter excluded meanwhile either lands before the round opens or sees it open.
        var c = await db.LoadHeldForChangeAsync(competitionId, actor, ct);
        var stageOpens = c.Status == Domain.CompetitionStatus.Speeches;
        var round = c.OpenRound(roundId, clock.GetUtcNow());
        db.Audit(competitionId, actor.Who, AuditActions.RoundOpen, new { number = round.Number, lines = round.Items.Count, votingStageOpened = stageOpens });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await notifier.PublishAsync(competitionId);
    }

    public Task CloseAsync(int competitionId, Actor actor, int roundId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return CloseAsync(competitionId, actor.Who, roundId, scheduled: false, actor, ct);
    }

    /// <summary>The scheduled close, by the system: no actor is checked, the round's own time is the authority.</summary>
    internal Task CloseScheduledAsync(int competitionId, int roundId, CancellationToken ct = default) =>
        CloseAsync(competitionId, AuditWho.System, roundId, scheduled: true, null, ct);

    private async Task CloseAsync(int competitionId, AuditWho who, int roundId, bool scheduled, Actor? actor, CancellationToken ct)
    {
        bool signed;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var c = actor is null
                ? await db.CompetitionAggregate.FirstAsync(x => x.Id == competitionId, ct)
                : await db.LoadForChangeAsync(competitionId, actor, ct);
            var round = c.CloseRound(roundId, clock.GetUtcNow());
            signed = round.IsSigned;
            db.Audit(competitionId, who, AuditActions.RoundClose, new { number = round.Number, scheduled });
            await db.SaveChangesAsync(ct);
            if (!signed)
            {
                await ShuffleAsync(db, roundId, ct);
            }

            await transaction.CommitAsync(ct);
        }

        if (signed)
        {
            await chain.SealAsync(roundId, ct);
        }

        await notifier.PublishAsync(competitionId);
    }

    /// <summary>
    /// Rewrites an unsigned round's ballots in the order of their random keys, and touches its tokens,
    /// all in the closing transaction: afterwards no ballot row shares a transaction id (xmin) with a
    /// token row, and the ballots' physical order is random (ADR 0016 says what this does not cover).
    /// </summary>
    private static async Task ShuffleAsync(AppDbContext db, int roundId, CancellationToken ct)
    {
        // --- hand-written SQL (the store's ballot tables are read and written in plain SQL) ---
        await db.Database.ExecuteSqlAsync($"""
            CREATE TEMP TABLE "ShuffledBallots" (LIKE "UnsignedBallots") ON COMMIT DROP;
            INSERT INTO "ShuffledBallots" SELECT * FROM "UnsignedBallots" WHERE "RoundId" = {roundId};
            DELETE FROM "UnsignedBallots" WHERE "RoundId" = {roundId};
            INSERT INTO "UnsignedBallots" SELECT * FROM "ShuffledBallots" ORDER BY "Id";
            UPDATE "BallotTokens" SET "Used" = "Used" WHERE "RoundId" = {roundId};
            """, ct);
    }
}
