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
public class Competition
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

    /// <summary>Recorded so the speech-order draw can be redone and checked.</summary>
    public int? SpeechSeed { get; private set; }

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

    public Cadre AddCadre(string name, VoterCategory category)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var cadre = new Cadre(name, category);
        if (_cadres.Any(c => c.Name == cadre.Name))
        {
            throw new DomainException("There is already a cadre named {0} on the roster.", cadre.Name);
        }

        _cadres.Add(cadre);
        return cadre;
    }

    public Post AddPost(string name, PostLevel level, string? exclusionReason, int? holderId)
    {
        EnsureStatus(CompetitionStatus.Draft);
        var holder = holderId is null ? null : FindCadre(holderId.Value);
        if (holder is not null && _posts.Any(p => p.HolderId == holder.Id))
        {
            throw new DomainException("{0} already holds another post.", holder.Name);
        }

        var post = new Post(name, level, exclusionReason, holder);
        if (_posts.Any(p => p.Name == post.Name))
        {
            throw new DomainException("There is already a post named {0}.", post.Name);
        }

        _posts.Add(post);
        return post;
    }

    /// <summary>职务归零: records who held what, then vacates every post that is competed.</summary>
    public void ResetToZero(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Draft);
        if (!_posts.Any(p => !p.IsExcluded))
        {
            throw new DomainException("Add at least one post that is open to competition before the reset.");
        }

        foreach (var post in _posts.Where(p => p.HolderId is not null))
        {
            _priorHoldings.Add(new PriorHolding(post, FindCadre(post.HolderId!.Value)));
            if (!post.IsExcluded)
            {
                post.Vacate();
            }
        }

        ResetAt = at;
        Status = CompetitionStatus.Registration;
    }

    /// <summary>Why this cadre may not apply for this post; empty when eligible.</summary>
    public IReadOnlyList<string> IneligibilityReasons(int cadreId, int postId)
    {
        var reasons = new List<string>();
        var cadre = FindCadre(cadreId);
        var post = FindPost(postId);
        if (post.IsExcluded)
        {
            reasons.Add("This post is excluded from the competition.");
        }

        if (cadre.Category == VoterCategory.A)
        {
            reasons.Add("Unit leaders at deputy-county level and above do not compete for section-level posts.");
        }

        if (_posts.Any(p => p.IsExcluded && p.HolderId == cadre.Id))
        {
            reasons.Add("The cadre keeps an excluded post.");
        }

        if (_applications.Any(a => a.CadreId == cadreId && a.PostId == postId))
        {
            reasons.Add("The cadre has already registered for this post.");
        }
        else if (_applications.Count(a => a.CadreId == cadreId) >= MaxApplicationsPerCadre)
        {
            reasons.Add("The cadre has reached the limit on posts one may register for.");
        }

        return reasons;
    }

    public Application Register(int cadreId, int postId, bool acceptsReassignment)
    {
        EnsureStatus(CompetitionStatus.Registration);
        var reasons = IneligibilityReasons(cadreId, postId);
        if (reasons.Count > 0)
        {
            throw new DomainException(reasons[0]);
        }

        var application = new Application(FindCadre(cadreId), FindPost(postId), acceptsReassignment);
        _applications.Add(application);
        return application;
    }

    public void CloseRegistration()
    {
        EnsureStatus(CompetitionStatus.Registration);
        if (_applications.Count == 0)
        {
            throw new DomainException("Nobody has registered yet.");
        }

        Status = CompetitionStatus.Speeches;
    }

    public void DrawSpeechOrder(int seed)
    {
        EnsureStatus(CompetitionStatus.Speeches);
        // Once only: redrawing until the order suits someone would defeat the lot.
        if (SpeechSeed is not null)
        {
            throw new DomainException("The speech order has already been drawn.");
        }

        SpeechSeed = seed;
        var order = SpeechSchedule.Draw(_applications.Select(a => a.CadreId), seed);
        for (var i = 0; i < order.Count; i++)
        {
            _speechSlots.Add(new SpeechSlot(i + 1, order[i]));
        }
    }

    /// <summary>Everyone on the roster votes, with the ballot kind of their category.</summary>
    public int IssueVoterRoll()
    {
        EnsureStatus(CompetitionStatus.Registration, CompetitionStatus.Speeches);
        var issued = 0;
        foreach (var cadre in _cadres.Where(c => _voters.All(v => v.CadreId != c.Id)))
        {
            _voters.Add(new Voter(cadre));
            issued++;
        }

        return issued;
    }

    public void OpenVoting()
    {
        EnsureStatus(CompetitionStatus.Speeches);
        if (_speechSlots.Count == 0)
        {
            throw new DomainException("Draw the speech order before voting.");
        }

        if (_voters.Count == 0)
        {
            throw new DomainException("Issue the voter roll before voting.");
        }

        Status = CompetitionStatus.Voting;
    }

    public void EnsureVotingOpen()
    {
        if (Status != CompetitionStatus.Voting)
        {
            throw new DomainException("Voting is not open.");
        }
    }

    public void CloseVoting()
    {
        EnsureStatus(CompetitionStatus.Voting);
        Status = CompetitionStatus.Deciding;
    }

    /// <summary>Records the appointee for a post, enforcing the minimum score and the justification rule.</summary>
    public Decision Decide(int postId, int appointeeId, IReadOnlyList<Standing> applicants, Rational appointeeScore,
        string? justification, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(applicants);
        EnsureStatus(CompetitionStatus.Deciding);
        var post = FindPost(postId);
        if (post.IsExcluded)
        {
            throw new DomainException("This post is excluded from the competition.");
        }

        var appointee = FindCadre(appointeeId);
        var applied = _applications.Any(a => a.CadreId == appointeeId && a.PostId == postId);
        if (!applied && !_applications.Any(a => a.CadreId == appointeeId && a.AcceptsReassignment))
        {
            throw new DomainException("{0} did not apply for this post and did not accept reassignment.", appointee.Name);
        }

        if (_decisions.Any(d => d.PostId != postId && d.AppointeeId == appointeeId))
        {
            throw new DomainException("{0} is already appointed to another post.", appointee.Name);
        }

        if (appointeeScore < new Rational(MinimumScorePercent, 100))
        {
            throw new DomainException("{0} scored below the minimum of {1}% and cannot be appointed.", appointee.Name, MinimumScorePercent);
        }

        var elsewhere = _decisions.Where(d => d.PostId != postId).Select(d => d.AppointeeId).ToHashSet();
        var verdict = JustificationRule.Evaluate(applicants, appointeeId, appointeeScore, elsewhere);
        var written = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        if (verdict.Need == JustificationNeed.Written && written is null)
        {
            throw new DomainException("{0} is passed over: a written justification is required.", verdict.PassedOverNames);
        }

        if (written?.Length > 1000)
        {
            throw new DomainException("Text is longer than {0} characters.", 1000);
        }

        var systemReason = verdict.Need == JustificationNeed.PlacedElsewhere ? verdict.PassedOverNames : null;
        var kept = verdict.Need == JustificationNeed.None ? null : written;
        var decision = _decisions.FirstOrDefault(d => d.PostId == postId);
        if (decision is null)
        {
            decision = new Decision(post, appointee, kept, systemReason, at);
            _decisions.Add(decision);
        }
        else
        {
            decision.Change(appointee, kept, systemReason, at);
        }

        return decision;
    }

    public Filing SubmitFiling(DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Deciding);
        var undecided = _posts
            .Where(p => !p.IsExcluded && _applications.Any(a => a.PostId == p.Id) && _decisions.All(d => d.PostId != p.Id))
            .Select(p => p.Name)
            .ToList();
        if (undecided.Count > 0)
        {
            throw new DomainException("Decide every post that has applicants before filing: {0}.", string.Join("、", undecided));
        }

        var filing = new Filing(_filings.Count + 1, at);
        _filings.Add(filing);
        Status = CompetitionStatus.Filed;
        return filing;
    }

    public void AcceptFiling(string reviewer, string? note, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Filed);
        CurrentFiling.Review(FilingStatus.Accepted, reviewer, note?.Trim(), at);
        Status = CompetitionStatus.Accepted;
    }

    /// <summary>不予备案: the filing goes back to the unit, which may change decisions and file again.</summary>
    public void RefuseFiling(string reviewer, string reason, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Filed);
        var why = Guard.Required(reason, "A refusal needs a reason.", 1000);
        CurrentFiling.Review(FilingStatus.Refused, reviewer, why, at);
        Status = CompetitionStatus.Deciding;
    }

    public Filing? LatestFiling => _filings.OrderByDescending(f => f.Version).FirstOrDefault();

    private Filing CurrentFiling => LatestFiling ?? throw new DomainException("Nothing has been filed.");

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
