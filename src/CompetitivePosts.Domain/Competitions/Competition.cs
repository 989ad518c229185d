using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Eligibility;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// One unit's competitive selection and its state machine:
/// Draft → (reset to zero) Reset → Registration → Review → Speeches → Voting → Deciding → Filed →
/// Accepted, with a refused filing going back to Deciding and an undone reset back to Draft. Every transition is guarded and throws
/// <see cref="DomainException"/> from the wrong state, in the manner of eShop's Order.
/// </summary>
public partial class Competition
{
    public const int DefaultMaxApplicationsPerCadre = 2;

    private readonly List<Post> _posts = [];
    private readonly List<Cadre> _cadres = [];
    private readonly List<SnapshotEntry> _snapshot = [];
    private readonly List<CadreRegistration> _registrations = [];
    private readonly List<Application> _applications = [];
    private readonly List<EligibilityOverride> _overrides = [];
    private readonly List<SpeechSlot> _speechSlots = [];
    private readonly List<Voter> _voters = [];
    private readonly List<Decision> _decisions = [];
    private readonly List<Filing> _filings = [];

    private Competition() { Name = ""; }

    public Competition(int unitId, string name, DateTimeOffset createdAt)
    {
        UnitId = unitId;
        Name = Guard.Required(name, "Competition name is required.");
        CreatedAt = createdAt;
        Status = CompetitionStatus.Draft;
        MinimumScorePercent = 50;
        MaxApplicationsPerCadre = DefaultMaxApplicationsPerCadre;
        SetRules(EligibilityRules.Defaults(ChinaDate.Of(createdAt)));
    }

    public int Id { get; private set; }

    public int UnitId { get; private set; }

    public string Name { get; private set; }

    public CompetitionStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ResetAt { get; private set; }

    /// <summary>重票不唯票: below this weighted score a candidate cannot be appointed.</summary>
    public int MinimumScorePercent { get; private set; }

    public int MaxApplicationsPerCadre { get; private set; }

    public IReadOnlyList<Post> Posts => _posts;

    public IReadOnlyList<Cadre> Cadres => _cadres;

    /// <summary>Set when the competition is archived: it is kept but nothing changes it any more.</summary>
    public DateTimeOffset? ArchivedAt { get; private set; }

    /// <summary>When the list of qualified candidates was published; later review changes need a reason.</summary>
    public DateTimeOffset? QualifiedListPublishedAt { get; private set; }

    /// <summary>The reset-to-zero snapshot: one row per cadre, never changed once written.</summary>
    public IReadOnlyList<SnapshotEntry> Snapshot => _snapshot;

    public IReadOnlyList<CadreRegistration> Registrations => _registrations;

    public IReadOnlyList<Application> Applications => _applications;

    public IReadOnlyList<EligibilityOverride> Overrides => _overrides;

    public IReadOnlyList<SpeechSlot> SpeechSlots => _speechSlots;

    public IReadOnlyList<Voter> Voters => _voters;

    public IReadOnlyList<Decision> Decisions => _decisions;

    public IReadOnlyList<Filing> Filings => _filings;

    /// <summary>
    /// Qualified candidates: approved in qualification review for at least one post and not withdrawn.
    /// Only they reach the speeches and the ballots.
    /// </summary>
    public IEnumerable<Cadre> Candidates => CandidatesNow();

    /// <summary>Approved applications of cadres who have not withdrawn: who competes for which post.</summary>
    public IEnumerable<Application> QualifiedApplications => QualifiedNow();

    // Iterators, so each enumeration sees the competition as it is then; the sets make them linear. Scanning every
    // application and registration per cadre cost a live dashboard about 50 million steps per push at 5,000 cadres
    // (docs/performance.md).
    private IEnumerable<Cadre> CandidatesNow()
    {
        var qualified = QualifiedNow().Select(a => a.CadreId).ToHashSet();
        foreach (var cadre in _cadres.Where(c => qualified.Contains(c.Id)).OrderBy(c => c.Id))
        {
            yield return cadre;
        }
    }

    private IEnumerable<Application> QualifiedNow()
    {
        var withdrawn = _registrations.Where(r => r.IsWithdrawn).Select(r => r.CadreId).ToHashSet();
        foreach (var application in _applications)
        {
            if (application.Review == ReviewStatus.Approved && !withdrawn.Contains(application.CadreId))
            {
                yield return application;
            }
        }
    }

    public bool IsArchived => ArchivedAt is not null;

    private bool IsWithdrawn(int cadreId) => _registrations.Any(r => r.CadreId == cadreId && r.IsWithdrawn);


    private Cadre FindCadre(int id) =>
        _cadres.FirstOrDefault(c => c.Id == id) ?? throw new DomainException("No such cadre in this competition.");

    private Post FindPost(int id) =>
        _posts.FirstOrDefault(p => p.Id == id) ?? throw new DomainException("No such post in this competition.");

    private void EnsureStatus(params CompetitionStatus[] allowed)
    {
        if (IsArchived)
        {
            throw new DomainException("This competition is archived and can no longer be changed.");
        }

        if (!allowed.Contains(Status))
        {
            throw new DomainException("This cannot be done while the competition is at stage {0}.", Status);
        }
    }

    /// <summary>Only a competition still at its first stage may be deleted; later ones are archived.</summary>
    public void EnsureDeletable()
    {
        if (Status != CompetitionStatus.Draft)
        {
            throw new DomainException("Only a competition at its first stage can be deleted; archive it instead.");
        }
    }

    public void Archive(DateTimeOffset at)
    {
        if (IsArchived)
        {
            throw new DomainException("This competition is archived and can no longer be changed.");
        }

        if (Status == CompetitionStatus.Draft)
        {
            throw new DomainException("A competition at its first stage is deleted, not archived.");
        }

        ArchivedAt = at;
    }
}
