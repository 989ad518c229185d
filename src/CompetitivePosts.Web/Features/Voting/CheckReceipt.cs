using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Voting;
using CompetitivePosts.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

public enum ReceiptVerdict
{
    /// <summary>Not something a receipt can be.</summary>
    Malformed,

    /// <summary>No counted ballot carries this code.</summary>
    NotFound,

    Counted,
}

/// <summary>The whole answer: counted or not, and in which round, as the voter's own slip already told them.</summary>
public sealed record ReceiptAnswer(ReceiptVerdict Verdict, string? Code = null, string? CompetitionName = null, int? RoundNumber = null, string? RoundTitle = null,
    RoundKind? RoundKind = null);

/// <summary>
/// 回执查询: a voter of a signed round enters the code their ballot showed and learns only whether
/// a ballot with that code is in the round's counted set. No name, mark or time is shown.
/// </summary>
public sealed class CheckReceipt(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<ReceiptAnswer> HandleAsync(string? code, CancellationToken ct = default)
    {
        var normal = BallotChain.NormaliseReceipt(code);
        if (normal is null)
        {
            return new ReceiptAnswer(ReceiptVerdict.Malformed);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await db.SignedBallots.AsNoTracking()
            .Where(b => b.Receipt == normal)
            .Join(db.VotingRounds, b => b.RoundId, r => r.Id, (b, r) => new { r.CompetitionId, r.Number, r.Title, r.Kind })
            .Join(db.Competitions, x => x.CompetitionId, c => c.Id, (x, c) => new { x.Number, x.Title, x.Kind, c.Name })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? new ReceiptAnswer(ReceiptVerdict.NotFound, normal)
            : new ReceiptAnswer(ReceiptVerdict.Counted, normal, found.Name, found.Number, found.Title, found.Kind);
    }
}
