using CompetitivePosts.Domain.Decisions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;
using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// One unit's competitive selection and its state machine:
/// Draft → (reset to zero) → Registration → Speeches → Voting → Deciding → Filed → Accepted,
/// with a refused filing going back to Deciding. Every transition is guarded and throws
/// <see cref="DomainException"/> from the wrong state, in the manner of eShop's Order.
/// </summary>
public partial class Competition
{
    public const int DefaultMaxApplicationsPerCadre = 2;

    private readonly List<Post> _posts = [];
    private readonly List<Cadre> _cadres = [];
    private readonly List<PriorHolding> _priorHoldings = [];
    private readonly List<Application> _applications = [];
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

    public IReadOnlyList<PriorHolding> PriorHoldings => _priorHoldings;

    public IReadOnlyList<Application> Applications => _applications;

    public IReadOnlyList<SpeechSlot> SpeechSlots => _speechSlots;

    public IReadOnlyList<Voter> Voters => _voters;

    public IReadOnlyList<Decision> Decisions => _decisions;

    public IReadOnlyList<Filing> Filings => _filings;

    public IEnumerable<Cadre> Candidates =>
        _cadres.Where(c => _applications.Any(a => a.CadreId == c.Id)).OrderBy(c => c.Id);


    private Cadre FindCadre(int id) =>
        _cadres.FirstOrDefault(c => c.Id == id) ?? throw new DomainException("No such cadre in this competition.");

    private Post FindPost(int id) =>
        _posts.FirstOrDefault(p => p.Id == id) ?? throw new DomainException("No such post in this competition.");

    private void EnsureStatus(params CompetitionStatus[] allowed)
    {
        if (!allowed.Contains(Status))
        {
            throw new DomainException("This cannot be done while the competition is at stage {0}.", Status);
        }
    }
}
