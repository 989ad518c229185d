using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Plan;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Registration;

public sealed record PreferenceRow(int ApplicationId, int Preference, int PostId, string PostName, ReviewStatus Review, string? ReviewNote);

public sealed record RegistrationRow(int CadreId, string CadreName, string? Department, IReadOnlyList<PreferenceRow> Preferences,
    bool AcceptsReassignment, string? Statement, DateTimeOffset RegisteredAt, DateTimeOffset? ChangedAt, DateTimeOffset? WithdrawnAt,
    string? WithdrawalReason, bool WithdrawnByCadre);

/// <summary>报名率: registered ÷ eligible. Withdrawn cadres registered too, but count apart.</summary>
public sealed record Participation(int Registered, int Withdrawn, int Eligible)
{
    public double Percent => Eligible == 0 ? 0 : 100.0 * Registered / Eligible;
}

public sealed record RegistrationView(CompetitionHeader Header, int MaxApplications, IReadOnlyList<PickOption> Cadres,
    IReadOnlyList<PickOption> Posts, IReadOnlyList<RegistrationRow> Registrations, Participation Participation, int LinksIssued);

/// <summary>The registrations of a competition, and opening and closing registration.</summary>
public sealed class RegistrationHandler(IDbContextFactory<AppDbContext> dbFactory, RegistrationNotifier notifier)
{
    public async Task<RegistrationView> GetAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForViewAsync(competitionId, actor, ct);
        var cadres = c.Cadres.Where(x => !x.IsCountyLeader).OrderBy(x => x.Name, StringComparer.Ordinal)
            .Select(x => new PickOption(x.Id, x.Name, x.Department)).ToList();
        var posts = c.Posts.Where(p => !p.IsExcluded).OrderBy(p => p.Level).ThenBy(p => p.Id)
            .Select(p => new PickOption(p.Id, p.Name, p.Department)).ToList();
        return new RegistrationView(await db.HeaderAsync(c, ct), c.MaxApplicationsPerCadre, cadres, posts, Rows(c), ParticipationOf(c),
            c.Cadres.Count(x => x.RegistrationTokenHash is not null));
    }

    public static IReadOnlyList<RegistrationRow> Rows(Competition c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var names = c.Cadres.ToDictionary(x => x.Id);
        var posts = c.Posts.ToDictionary(p => p.Id, p => p.Name);
        return [.. c.Registrations.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id)
            .Select(r => new RegistrationRow(r.CadreId, names[r.CadreId].Name, names[r.CadreId].Department,
                [.. c.Applications.Where(a => a.CadreId == r.CadreId).OrderBy(a => a.Preference)
                    .Select(a => new PreferenceRow(a.Id, a.Preference, a.PostId, posts[a.PostId], a.Review, a.ReviewNote))],
                r.AcceptsReassignment, r.Statement, r.RegisteredAt, r.ChangedAt, r.WithdrawnAt, r.WithdrawalReason, r.WithdrawnByCadre))];
    }

    public static Participation ParticipationOf(Competition c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new Participation(c.Registrations.Count(r => !r.IsWithdrawn), c.Registrations.Count(r => r.IsWithdrawn), c.EligibleCadreCount());
    }

    public async Task OpenAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.RegistrationOpen, c => c.OpenRegistration(), ct);
        await notifier.PublishAsync(competitionId);
    }

    public async Task CloseAsync(int competitionId, Actor actor, CancellationToken ct = default)
    {
        await dbFactory.ChangeCompetitionAsync(competitionId, actor, AuditActions.RegistrationClose, c => c.CloseRegistration(), ct);
        await notifier.PublishAsync(competitionId);
    }
}
