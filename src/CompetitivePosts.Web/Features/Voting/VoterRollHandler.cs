using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Voting;

public sealed record VoterRow(int Id, string Name, VoterCategory Category, VoterCategory RollCategory, string? CategoryReason, bool IsOutside,
    string? Note, bool IsExcluded, string? ExclusionReason);

public sealed record RoundRow(int Id, int Number, string Title, RoundKind Kind, bool IsSigned, RoundStatus Status, AgreeLimitMode LimitMode,
    int FixedLimit, DateTimeOffset CreatedAt, DateTimeOffset? OpenedAt, DateTimeOffset? ClosesAt, DateTimeOffset? ClosedAt, int Lines, int Issued, int Cast);

public sealed record IncumbentOption(int CadreId, string Name, string PostName);

public sealed record VoterRollView(CompetitionHeader Header, IReadOnlyList<VoterRow> Voters, IReadOnlyList<RoundRow> Rounds, int NotOnRoll,
    IReadOnlyList<IncumbentOption> Incumbents, bool SpeechOrderDrawn, int? CountingRoundId);

/// <summary>The voting page: the roll, the rounds with their turnout, and opening and closing the voting stage.</summary>
public sealed class VoterRollHandler(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<VoterRollView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var voters = c.Voters.OrderBy(v => v.IsExcluded).ThenBy(v => v.Category).ThenBy(v => v.IsOutside).ThenBy(v => v.Id)
            .Select(v => new VoterRow(v.Id, v.Name, v.Category, v.RollCategory, v.CategoryReason, v.IsOutside, v.Note, v.IsExcluded, v.ExclusionReason))
            .ToList();
        var roundIds = c.Rounds.Select(r => r.Id).ToList();
        var tokens = await db.BallotTokens.AsNoTracking()
            .Where(t => roundIds.Contains(t.RoundId) && t.RevokedAt == null)
            .GroupBy(t => t.RoundId)
            .Select(g => new { RoundId = g.Key, Issued = g.Count(), Cast = g.Count(t => t.Used) })
            .ToDictionaryAsync(x => x.RoundId, ct);
        var rounds = c.Rounds.OrderBy(r => r.Number)
            .Select(r => new RoundRow(r.Id, r.Number, r.Title, r.Kind, r.IsSigned, r.Status, r.LimitMode, r.FixedLimit, r.CreatedAt, r.OpenedAt,
                r.ClosesAt, r.ClosedAt, r.Items.Count, tokens.GetValueOrDefault(r.Id)?.Issued ?? 0, tokens.GetValueOrDefault(r.Id)?.Cast ?? 0))
            .ToList();
        var notOnRoll = c.Snapshot.Count(e => c.Voters.All(v => v.CadreId != e.CadreId));
        var incumbents = c.Incumbents.Select(e => new IncumbentOption(e.CadreId, e.CadreName, e.PostName ?? "")).ToList();
        return new VoterRollView(await db.HeaderAsync(c, ct), voters, rounds, notOnRoll, incumbents, c.IsSpeechOrderDrawn, c.CountingRound?.Id);
    }

    /// <summary>Puts everyone in the reset snapshot on the roll who is not on it yet.</summary>
    public Task<int> IssueAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotersIssue, c => c.IssueVoterRoll(), ct);

    public Task OpenAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotingOpen, c => c.OpenVoting(), ct);

    public Task CloseAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotingClose, c => c.CloseVoting(), ct);
}
