using CompetitivePosts.Domain;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using Microsoft.EntityFrameworkCore;
using QRCoder;

namespace CompetitivePosts.Web.Features.Voting;

public sealed record VoterRow(int Id, string Name, VoterCategory Category, string Token, bool Voted);

public sealed record VoterRollView(CompetitionHeader Header, IReadOnlyList<VoterRow> Voters);

/// <summary>The voter roll, its single-use ballot links as QR codes, and opening and closing the vote.</summary>
public sealed class VoterRollHandler(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<VoterRollView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        actor.EnsureCanManage(c.UnitId); // tokens are ballots: only the unit's organizer sees them
        var voted = await db.Ballots.Where(b => b.CompetitionId == competitionId).Select(b => b.VoterId).ToListAsync(ct);
        var rows = c.Voters.OrderBy(v => v.Category).ThenBy(v => v.Id)
            .Select(v => new VoterRow(v.Id, v.Name, v.Category, v.Token, voted.Contains(v.Id)))
            .ToList();
        return new VoterRollView(await db.HeaderAsync(c, ct), rows);
    }

    public Task<int> IssueAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotersIssue, c => c.IssueVoterRoll(), ct);

    public Task OpenAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotingOpen, c => c.OpenVoting(), ct);

    public Task CloseAsync(int competitionId, Actor actor, CancellationToken ct = default) =>
        dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.VotingClose, c => c.CloseVoting(), ct);

    /// <summary>SVG, because QRCoder's bitmap renderer needs GDI+, which Linux lacks.</summary>
    public static string QrSvg(string url)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
