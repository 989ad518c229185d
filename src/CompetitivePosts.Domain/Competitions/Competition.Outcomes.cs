using CompetitivePosts.Domain.Notice;
using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>留任 / 提任 / 落岗 / 交流 per cadre and the unit's figures, measured from the reset snapshot to the closed notice.</summary>
public partial class Competition
{
    /// <summary>
    /// Every cadre of the snapshot except unit leaders and holders of excluded posts (who kept them),
    /// classified against the notice's final appointees. <paramref name="scores"/> are the deciding
    /// round's weighted scores; the minimum is this competition's own.
    /// </summary>
    public IReadOnlyList<CadreResult> Outcomes(PublicNotice notice, IReadOnlyDictionary<int, Rational> scores)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(scores);
        if (notice.CompetitionId != Id || !notice.IsClosed)
        {
            throw new DomainException("The outcome is known only when the notice has closed.");
        }

        var after = notice.FinalEntries.ToDictionary(e => e.CadreId, e => new HeldPost(e.PostId, e.Level));
        var rules = Rules;
        var levels = _posts.Where(p => !p.IsExcluded).Select(p => p.Level).Distinct().ToList();
        var qualified = QualifiedApplications.Select(a => a.CadreId).ToHashSet();
        var results = new List<CadreResult>();
        foreach (var s in _snapshot.Where(s => !s.PostExcluded && !s.WasCountyLeader).OrderBy(s => s.CadreId))
        {
            var cadre = FindCadre(s.CadreId);
            var registration = _registrations.FirstOrDefault(r => r.CadreId == s.CadreId);
            var tooOld = cadre.BirthDate is { } born && levels.Count > 0
                && levels.All(l => ChinaDate.CompletedYears(born, rules.ReferenceDate) > rules.MaxAge(l));
            var before = s.PostId is { } p && s.PostLevel is { } level ? new HeldPost(p, level) : null;
            var facts = new CadreFacts(s.CadreId, s.CadreName, before, after.GetValueOrDefault(s.CadreId), s.WasMiddlePrincipal,
                registration is not null, registration?.IsWithdrawn ?? false, qualified.Contains(s.CadreId), tooOld,
                scores.TryGetValue(s.CadreId, out var score) && IsBelowMinimum(score));
            var result = OutcomeCauses.Classify(facts);
            if (result.Outcome != Outcome.None || registration is not null)
            {
                results.Add(result);
            }
        }

        return results;
    }

    /// <summary>The unit's figures: seats competed, registered cadres and cadres eligible for at least one competed post.</summary>
    public OutcomeFigures OutcomeFigures(IReadOnlyList<CadreResult> results) =>
        Domain.Outcomes.OutcomeFigures.Of(results, _posts.Where(p => !p.IsExcluded).Sum(p => Math.Max(1, p.Headcount)),
            _registrations.Count, EligibleCadreCount());
}
