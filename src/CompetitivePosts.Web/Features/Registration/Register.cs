using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Audit;
using CompetitivePosts.Web.Features.Common;
using CompetitivePosts.Web.Features.Speeches;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Registration;

/// <summary>
/// Registering a cadre, changing a registration and withdrawing: entered by the organizer, or by the
/// cadre through their personal link. Each writes its audit entry and moves the live participation rate.
/// </summary>
public sealed class Register(IDbContextFactory<AppDbContext> dbFactory, RegistrationNotifier notifier, SpeechNotifier speeches, TimeProvider clock)
{
    public const string VersionProperty = "Version";

    /// <summary>What a registration form sends; a new form starts with nothing ticked.</summary>
    public sealed record Command(int CadreId, IReadOnlyList<int> PostIds, bool AcceptsReassignment, string? Statement, uint? ExpectedVersion = null);

    public async Task ByOrganizerAsync(int competitionId, Actor actor, Command command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        await SaveAsync(db, c, actor.Who, command, null, ct);
    }

    public async Task WithdrawByOrganizerAsync(int competitionId, Actor actor, int cadreId, string reason, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await db.LoadForChangeAsync(competitionId, actor, ct);
        await WithdrawAsync(db, c, actor.Who, cadreId, reason, byCadre: false, ct);
    }

    internal async Task SaveAsync(AppDbContext db, Competition c, AuditWho who, Command command, object? via, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        var isNew = c.Registrations.All(r => r.CadreId != command.CadreId);
        var registration = c.Register(command.CadreId, command.PostIds, command.AcceptsReassignment, command.Statement, clock.GetUtcNow());
        if (!isNew && command.ExpectedVersion is { } v)
        {
            db.Entry(registration).Property(VersionProperty).OriginalValue = v;
        }

        db.Audit(c.Id, who, isNew ? AuditActions.Register : AuditActions.RegistrationChange, via);
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(c.Id);
    }

    internal async Task WithdrawAsync(AppDbContext db, Competition c, AuditWho who, int cadreId, string reason, bool byCadre, CancellationToken ct)
    {
        c.Withdraw(cadreId, reason, clock.GetUtcNow(), byCadre);
        db.Audit(c.Id, who, AuditActions.RegistrationWithdraw, new { reason = reason.Trim(), byCadre });
        await db.SaveChangesAsync(ct);
        await notifier.PublishAsync(c.Id);
        // After the draw the withdrawal also left the speech order: the panel and projector show it.
        await speeches.PublishAsync(c.Id);
    }
}
