using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>What a refused ballot must leave as it was: the round's ballots, its tokens' states, and the audit head.</summary>
internal static class VotingTables
{
    public static async Task<string> SnapshotAsync(this AppFixture app, int competitionId, int roundId)
    {
        await using var db = app.NewDb();
        var signed = await db.SignedBallots.Where(b => b.RoundId == roundId).OrderBy(b => b.Id)
            .Select(b => b.Id + ":" + b.VoterId + ":" + b.ContentHash).ToListAsync();
        var unsigned = await db.UnsignedBallots.Where(b => b.RoundId == roundId).OrderBy(b => b.Id).Select(b => b.Id.ToString()).ToListAsync();
        var tokens = await db.BallotTokens.Where(t => t.RoundId == roundId).OrderBy(t => t.Id)
            .Select(t => t.Id + ":" + t.Used + ":" + (t.RevokedAt != null)).ToListAsync();
        var head = await db.AuditHeads.Where(h => h.CompetitionId == competitionId).Select(h => h.Seq + ":" + h.Hash).FirstOrDefaultAsync();
        return string.Join("|", [string.Join(",", signed), string.Join(",", unsigned), string.Join(",", tokens), head ?? ""]);
    }

    public static async Task<int> BallotCountAsync(this AppFixture app, int roundId)
    {
        await using var db = app.NewDb();
        return await db.SignedBallots.CountAsync(b => b.RoundId == roundId) + await db.UnsignedBallots.CountAsync(b => b.RoundId == roundId);
    }
}
