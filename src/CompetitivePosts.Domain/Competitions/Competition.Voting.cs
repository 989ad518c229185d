using CompetitivePosts.Domain.Voting;

namespace CompetitivePosts.Domain.Competitions;

/// <summary>
/// The voter roll (from the reset snapshot, with audited overrides, outside voters and exclusions),
/// the voting stage, and its rounds. Ballots and tokens are not part of the aggregate: the ballot
/// path reads a round's fixed ballot and one token, never the competition.
/// </summary>
public partial class Competition
{
    private readonly List<VotingRound> _rounds = [];

    public IReadOnlyList<VotingRound> Rounds => _rounds;

    /// <summary>
    /// The round the live tally and the decisions count: the latest recommendation round that has
    /// opened. A second recommendation round is a re-vote that replaces the first (docs/adr/0016).
    /// </summary>
    public VotingRound? CountingRound =>
        _rounds.Where(r => r.Kind == RoundKind.Recommendation && r.Status != RoundStatus.Prepared).MaxBy(r => r.Number);

    public bool IsRoundOpen => _rounds.Any(r => r.IsOpen);

    /// <summary>
    /// Puts everyone in the reset snapshot on the roll who is not on it yet, with the ballot kind the
    /// snapshot gives. Run again after a correction added a cadre; it never changes a voter already on the roll.
    /// </summary>
    public int IssueVoterRoll()
    {
        EnsureRollChange();
        var added = 0;
        foreach (var entry in _snapshot.Where(e => _voters.All(v => v.CadreId != e.CadreId)).OrderBy(e => e.CadreId))
        {
            if (_voters.Any(v => v.Name == entry.CadreName))
            {
                throw new DomainException("There is already a voter named {0} on the roll.", entry.CadreName);
            }

            _voters.Add(new Voter(entry));
            added++;
        }

        return added;
    }

    /// <summary>A voter who is not on the roster, such as a unit leader; <paramref name="note"/> says who they are.</summary>
    public Voter AddOutsideVoter(string name, VoterCategory category, string note)
    {
        EnsureRollChange();
        var trimmed = Guard.Required(name, "A voter needs a name.", CadreDetails.NameLength);
        var who = Guard.Required(note, "Say who the outside voter is.", Voter.NoteLength);
        if (!Enum.IsDefined(category))
        {
            throw new DomainException("Choose a ballot kind.");
        }

        if (_voters.Any(v => v.Name == trimmed))
        {
            throw new DomainException("There is already a voter named {0} on the roll.", trimmed);
        }

        var voter = new Voter(trimmed, category, who);
        _voters.Add(voter);
        return voter;
    }

    /// <summary>Another ballot kind for one voter, with a reason; choosing the roll's own kind again clears the change.</summary>
    public Voter OverrideVoterCategory(int voterId, VoterCategory category, string reason)
    {
        EnsureRollChange();
        var voter = FindVoter(voterId);
        if (IsRoundOpen)
        {
            throw new DomainException("Ballot kinds cannot change while a round is open.");
        }

        if (!Enum.IsDefined(category))
        {
            throw new DomainException("Choose a ballot kind.");
        }

        if (voter.Category == category)
        {
            throw new DomainException("{0} already votes with ballot kind {1}.", voter.Name, category);
        }

        var why = Guard.Required(reason, "A change of ballot kind needs a reason.", ReasonMaxLength);
        voter.SetCategory(category, why);
        return voter;
    }

    /// <summary>Takes a voter off the roll with a reason (on leave, for example); their unused tokens of rounds not closed must be revoked with it.</summary>
    public Voter ExcludeVoter(int voterId, string reason, DateTimeOffset at)
    {
        EnsureRollChange();
        var voter = FindVoter(voterId);
        if (voter.IsExcluded)
        {
            throw new DomainException("{0} is excluded from the roll.", voter.Name);
        }

        voter.Exclude(Guard.Required(reason, "An exclusion needs a reason.", ReasonMaxLength), at);
        return voter;
    }

    public Voter ReinstateVoter(int voterId, string reason)
    {
        EnsureRollChange();
        var voter = FindVoter(voterId);
        if (!voter.IsExcluded)
        {
            throw new DomainException("{0} is on the roll.", voter.Name);
        }

        Guard.Required(reason, "Putting a voter back on the roll needs a reason.", ReasonMaxLength);
        voter.Reinstate();
        return voter;
    }

    /// <summary>Begins the voting stage: the roster, registrations and the speech order are fixed from here.</summary>
    public void OpenVoting()
    {
        EnsureStatus(CompetitionStatus.Speeches);
        if (_speechSlots.Count == 0)
        {
            throw new DomainException("Draw the speech order before voting.");
        }

        if (_voters.All(v => v.IsExcluded))
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

    /// <summary>Ends the voting stage; every round must be closed first.</summary>
    public void CloseVoting()
    {
        EnsureStatus(CompetitionStatus.Voting);
        if (IsRoundOpen)
        {
            throw new DomainException("Close every open round before ending the voting.");
        }

        Status = CompetitionStatus.Deciding;
    }

    /// <summary>
    /// A new round, prepared: its slips can be printed now. Its ballot is previewed from the
    /// candidates (or the chosen incumbents) as they are, and fixed again when it opens.
    /// </summary>
    public VotingRound CreateRound(RoundSettings settings, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(settings);
        EnsureStatus(CompetitionStatus.Speeches, CompetitionStatus.Voting);
        if (!Enum.IsDefined(settings.Kind))
        {
            throw new DomainException("Choose what the round votes on.");
        }

        if (settings.Kind == RoundKind.Recommendation && _speechSlots.Count == 0)
        {
            throw new DomainException("Draw the speech order before voting.");
        }

        if (settings.Kind == RoundKind.Evaluation)
        {
            var holders = Incumbents.Select(e => e.CadreId).ToHashSet();
            if (settings.Incumbents is not { Count: > 0 } chosen)
            {
                throw new DomainException("Choose at least one incumbent to evaluate.");
            }

            if (chosen.Any(id => !holders.Contains(id)))
            {
                throw new DomainException("Only cadres who held a post before the reset can be evaluated.");
            }
        }

        var round = new VotingRound(_rounds.Count == 0 ? 1 : _rounds.Max(r => r.Number) + 1, settings, at);
        var (groups, items) = BuildBallot(round);
        round.SetBallot(groups, items);
        _rounds.Add(round);
        return round;
    }

    /// <summary>Opens a round (and the voting stage with the first one), fixing its ballot as the candidates are now.</summary>
    public VotingRound OpenRound(int roundId, DateTimeOffset at)
    {
        var round = FindRound(roundId);
        if (Status == CompetitionStatus.Speeches)
        {
            OpenVoting();
        }

        EnsureStatus(CompetitionStatus.Voting);
        var (groups, items) = BuildBallot(round);
        round.SetBallot(groups, items);
        round.Open(at);
        return round;
    }

    /// <summary>Closes a round; no ballot is accepted once the close commits (the store locks the round row, see docs/adr/0016).</summary>
    public VotingRound CloseRound(int roundId, DateTimeOffset at)
    {
        EnsureStatus(CompetitionStatus.Voting);
        var round = FindRound(roundId);
        round.Close(at);
        return round;
    }

    /// <summary>Who can be evaluated: everyone who held a competed or excluded post before the reset.</summary>
    public IEnumerable<SnapshotEntry> Incumbents => _snapshot.Where(e => e.PostId is not null).OrderBy(e => e.PostLevel).ThenBy(e => e.PostId);

    public VotingRound FindRound(int roundId) =>
        _rounds.FirstOrDefault(r => r.Id == roundId) ?? throw new DomainException("No such round in this competition.");

    public Voter FindVoter(int voterId) =>
        _voters.FirstOrDefault(v => v.Id == voterId) ?? throw new DomainException("No such voter on the roll.");

    private void EnsureRollChange() =>
        EnsureStatus(CompetitionStatus.Reset, CompetitionStatus.Registration, CompetitionStatus.Review, CompetitionStatus.Speeches, CompetitionStatus.Voting);

    /// <summary>
    /// A recommendation lists the qualified candidates in speech order, each once, under the post of
    /// their first preference (posts: principal before deputy, then as entered); the 同意 limit of
    /// a group counts the marks in that group. An evaluation lists the chosen incumbents under the
    /// post they held before the reset.
    /// </summary>
    private (List<RoundGroup> Groups, List<RoundItem> Items) BuildBallot(VotingRound round)
    {
        var lines = new List<(int CadreId, string Name, int? PostId, string PostName, PostLevel? Level, int Headcount, string? Detail)>();
        if (round.Kind == RoundKind.Recommendation)
        {
            var qualified = QualifiedApplications.ToList();
            var names = _cadres.ToDictionary(c => c.Id, c => c.Name);
            var posts = _posts.ToDictionary(p => p.Id);
            foreach (var cadreId in _speechSlots.OrderBy(s => s.Order).Select(s => s.CadreId).Distinct())
            {
                var applied = qualified.Where(a => a.CadreId == cadreId).OrderBy(a => a.Preference).Select(a => posts[a.PostId]).ToList();
                if (applied.Count == 0)
                {
                    continue; // withdrew after the draw: keeps the slot, leaves the ballot
                }

                var first = applied[0];
                var others = applied.Count > 1 ? string.Join("、", applied.Skip(1).Select(p => p.Name)) : null;
                lines.Add((cadreId, names[cadreId], first.Id, first.Name, first.Level, first.Headcount, others));
            }
        }
        else
        {
            var chosen = round.Incumbents.ToHashSet();
            foreach (var entry in Incumbents.Where(e => chosen.Contains(e.CadreId)))
            {
                lines.Add((entry.CadreId, entry.CadreName, entry.PostId, entry.PostName ?? "", entry.PostLevel, 0, null));
            }
        }

        var groups = new List<RoundGroup>();
        var items = new List<RoundItem>();
        var ordered = lines.Select((l, i) => (Line: l, Order: i))
            .GroupBy(x => x.Line.PostId)
            .OrderBy(g => g.First().Line.Level ?? PostLevel.Deputy).ThenBy(g => g.Key);
        foreach (var group in ordered)
        {
            var head = group.First().Line;
            var limit = round.LimitMode switch
            {
                AgreeLimitMode.Headcount => Math.Max(head.Headcount, 1),
                AgreeLimitMode.Fixed => round.FixedLimit,
                _ => 0,
            };
            groups.Add(new RoundGroup(groups.Count, head.PostId, head.PostName, head.Level, limit));
            foreach (var (line, _) in group.OrderBy(x => x.Order))
            {
                items.Add(new RoundItem(items.Count, line.CadreId, line.Name, groups.Count - 1, line.Detail));
            }
        }

        return (groups, items);
    }
}
