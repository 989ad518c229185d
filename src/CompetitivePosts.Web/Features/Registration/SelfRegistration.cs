using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Web.Data;
using CompetitivePosts.Web.Features.Plan;
using Microsoft.EntityFrameworkCore;

namespace CompetitivePosts.Web.Features.Registration;

public sealed record SelfRegistrationView(int CompetitionId, string CompetitionName, int CadreId, string CadreName, int MaxApplications,
    IReadOnlyList<PostEligibility> Posts, RegistrationRow? Current, uint? Version);

/// <summary>
/// What a cadre does through their personal link, on a phone, without a Blazor circuit: read the open
/// posts with their own eligibility, register or change their registration, withdraw. The link works
/// only while registration is open and only for its own cadre; any other token gets no details at all.
/// </summary>
public sealed class SelfRegistration(IDbContextFactory<AppDbContext> dbFactory, Register register)
{
    public async Task<SelfRegistrationView?> LoadAsync(string token, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, token, tracking: false, ct);
        if (found is null)
        {
            return null;
        }

        var (c, cadre) = found.Value;
        var current = RegistrationHandler.Rows(c).FirstOrDefault(r => r.CadreId == cadre.Id);
        var registration = c.Registrations.FirstOrDefault(r => r.CadreId == cadre.Id);
        uint? version = registration is null ? null
            : await db.Set<CadreRegistration>().Where(r => r.Id == registration.Id)
                .Select(r => EF.Property<uint>(r, Register.VersionProperty)).FirstAsync(ct);
        return new SelfRegistrationView(c.Id, c.Name, cadre.Id, cadre.Name, c.MaxApplicationsPerCadre, EligibilityQuery.ForCadre(c, cadre.Id), current, version);
    }

    /// <summary>Null when the token does not admit anyone now; otherwise the saved registration is the answer.</summary>
    public async Task<bool> SubmitAsync(string token, IReadOnlyList<int> postIds, bool acceptsReassignment, string? statement, uint? version,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, token, tracking: true, ct);
        if (found is null)
        {
            return false;
        }

        var (c, cadre) = found.Value;
        await register.SaveAsync(db, c, Who(cadre), new Register.Command(cadre.Id, postIds, acceptsReassignment, statement, version), Via, ct);
        return true;
    }

    public async Task<bool> WithdrawAsync(string token, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var found = await FindAsync(db, token, tracking: true, ct);
        if (found is null)
        {
            return false;
        }

        var (c, cadre) = found.Value;
        await register.WithdrawAsync(db, c, Who(cadre), cadre.Id, reason, byCadre: true, ct);
        return true;
    }

    private static readonly object Via = new { via = "personal link" };

    private static AuditWho Who(Cadre cadre) => new(null, cadre.Name);

    private static async Task<(Competition, Cadre)?> FindAsync(AppDbContext db, string token, bool tracking, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 64)
        {
            return null;
        }

        var hash = Cadre.HashToken(token);
        var competitionId = await db.Cadres.Where(x => x.RegistrationTokenHash == hash).Select(x => (int?)x.CompetitionId).FirstOrDefaultAsync(ct);
        if (competitionId is null)
        {
            return null;
        }

        var query = tracking ? db.CompetitionAggregate : db.CompetitionAggregate.AsNoTracking();
        var c = await query.FirstAsync(x => x.Id == competitionId, ct);
        if (c.Status != CompetitionStatus.Registration || c.IsArchived)
        {
            return null;
        }

        return (c, c.Cadres.First(x => x.RegistrationTokenHash == hash));
    }
}
