using System.Globalization;

namespace CompetitivePosts.Domain.Voting;

/// <summary>What the organizer chooses when creating a round.</summary>
public sealed record RoundSettings(
    RoundKind Kind,
    bool IsSigned = true,
    string? Title = null,
    AgreeLimitMode LimitMode = AgreeLimitMode.None,
    int FixedLimit = 0,
    DateTimeOffset? ClosesAt = null,
    IReadOnlyList<int>? Incumbents = null);

/// <summary>One line of a round's ballot: a candidate (or an incumbent being evaluated) at a fixed position.</summary>
public sealed class RoundItem
{
    private RoundItem() { Name = ""; }

    internal RoundItem(int position, int cadreId, string name, int group, string? detail)
    {
        Position = position;
        CadreId = cadreId;
        Name = name;
        Group = group;
        Detail = detail;
    }

    /// <summary>0-based; a ballot's choices are stored in this order.</summary>
    public int Position { get; private set; }

    public int CadreId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The index of the <see cref="RoundGroup"/> the line is shown under.</summary>
    public int Group { get; private set; }

    /// <summary>The other posts a candidate applied for, joined with 、; null when none.</summary>
    public string? Detail { get; private set; }
}

/// <summary>A post on a round's ballot, with the 同意 limit of its group (0: no limit).</summary>
public sealed class RoundGroup
{
    private RoundGroup() { Name = ""; }

    internal RoundGroup(int index, int? postId, string name, PostLevel? level, int agreeLimit)
    {
        Index = index;
        PostId = postId;
        Name = name;
        Level = level;
        AgreeLimit = agreeLimit;
    }

    public int Index { get; private set; }

    public int? PostId { get; private set; }

    public string Name { get; private set; }

    public PostLevel? Level { get; private set; }

    public int AgreeLimit { get; private set; }
}

/// <summary>A mark as the form sent it: both values are raw text, checked by <see cref="VotingRound.Read"/>.</summary>
public sealed record MarkInput(string? CandidateId, string? Choice);

/// <summary>The choices of a valid ballot in the round's order, or every problem found.</summary>
public sealed record BallotReading(short[]? Choices, IReadOnlyList<DomainMessage> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>
/// One vote of the meeting (DESIGN.md §2): a recommendation of candidates grouped by post, or an
/// evaluation of named incumbents; signed (署名) or unsigned (无记名); with an optional 同意 limit
/// per post and an optional scheduled close. Its ballot, the lines and groups, is fixed when it
/// opens, so a ballot is read against a list that can no longer change.
/// </summary>
public class VotingRound
{
    public const int TitleLength = 60;
    public const int MaxFixedLimit = 50;

    private static readonly string[] RecommendationChoices = [.. Enum.GetNames<Choice>()];
    private static readonly string[] EvaluationChoices = [.. Enum.GetNames<Grade>()];

    private readonly List<RoundItem> _items = [];
    private readonly List<RoundGroup> _groups = [];

    private VotingRound()
    {
        Title = "";
        Incumbents = [];
    }

    internal VotingRound(int number, RoundSettings settings, DateTimeOffset at)
    {
        Number = number;
        Kind = settings.Kind;
        IsSigned = settings.IsSigned;
        Title = settings.Title?.Trim() ?? "";
        if (Title.Length > TitleLength)
        {
            throw new DomainException("Text is longer than {0} characters.", TitleLength);
        }

        LimitMode = settings.Kind == RoundKind.Recommendation ? settings.LimitMode : AgreeLimitMode.None;
        if (LimitMode == AgreeLimitMode.Fixed && settings.FixedLimit is < 1 or > MaxFixedLimit)
        {
            throw new DomainException("The agree limit per post must be from 1 to {0}.", MaxFixedLimit);
        }

        FixedLimit = LimitMode == AgreeLimitMode.Fixed ? settings.FixedLimit : 0;
        if (settings.ClosesAt is { } closes && closes <= at)
        {
            throw new DomainException("The scheduled close must be in the future.");
        }

        ClosesAt = settings.ClosesAt;
        Incumbents = settings.Kind == RoundKind.Evaluation ? [.. (settings.Incumbents ?? []).Distinct().Order()] : [];
        CreatedAt = at;
        Status = RoundStatus.Prepared;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    /// <summary>1, 2, 3 … within the competition.</summary>
    public int Number { get; private set; }

    /// <summary>An optional name such as 第二轮民主推荐; empty when the number and kind say enough.</summary>
    public string Title { get; private set; }

    public RoundKind Kind { get; private set; }

    /// <summary>署名: the voter's typed name and drawn signature are kept with the ballot. Unsigned rounds keep nothing that identifies the voter.</summary>
    public bool IsSigned { get; private set; }

    public AgreeLimitMode LimitMode { get; private set; }

    public int FixedLimit { get; private set; }

    public RoundStatus Status { get; private set; }

    /// <summary>What the round's projector shows once the round has closed (issue 7; docs/adr/0021).</summary>
    public ProjectorResults ProjectorResults { get; private set; }

    /// <summary>Whether the projector may show results while the round is still open; by default it shows turnout only.</summary>
    public bool ProjectorLiveResults { get; private set; }

    internal void SetProjector(ProjectorResults results, bool liveResults)
    {
        if (!Enum.IsDefined(results))
        {
            throw new DomainException("Choose what the projector shows.");
        }

        ProjectorResults = results;
        ProjectorLiveResults = liveResults;
    }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? OpenedAt { get; private set; }

    /// <summary>Optional: no ballot is accepted from this moment, even before the round is marked closed.</summary>
    public DateTimeOffset? ClosesAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Evaluation rounds: the cadres evaluated, who held a post before the reset.</summary>
    public int[] Incumbents { get; private set; }

    public IReadOnlyList<RoundItem> Items => _items;

    public IReadOnlyList<RoundGroup> Groups => _groups;

    public bool IsOpen => Status == RoundStatus.Open;

    /// <summary>What an unmarked line counts as: an abstention in a recommendation, no grade in an evaluation.</summary>
    public short Unmarked => Kind == RoundKind.Recommendation ? (short)Choice.Abstain : (short)0;

    /// <summary>The form values of the choices, in order: their numbers are 1, 2, 3 (4).</summary>
    public IReadOnlyList<string> ChoiceNames => Kind == RoundKind.Recommendation ? RecommendationChoices : EvaluationChoices;

    /// <summary>0-based index of a form value among <see cref="ChoiceNames"/>, exact and case-sensitive; -1 for anything else ("99", "Agree,Disagree").</summary>
    public int IndexOfChoice(string? value)
    {
        var names = Kind == RoundKind.Recommendation ? RecommendationChoices : EvaluationChoices;
        return Array.IndexOf(names, value);
    }

    public bool AcceptsBallotsAt(DateTimeOffset now) => Status == RoundStatus.Open && (ClosesAt is null || now < ClosesAt);

    internal void SetBallot(IReadOnlyList<RoundGroup> groups, IReadOnlyList<RoundItem> items)
    {
        _groups.Clear();
        _groups.AddRange(groups);
        _items.Clear();
        _items.AddRange(items);
    }

    internal void Open(DateTimeOffset at)
    {
        if (Status != RoundStatus.Prepared)
        {
            throw new DomainException("Round {0} has already been opened.", Number);
        }

        if (_items.Count == 0)
        {
            throw new DomainException(Kind == RoundKind.Recommendation
                ? "There is no qualified candidate to put on the ballot."
                : "Choose at least one incumbent to evaluate.");
        }

        if (ClosesAt is { } closes && closes <= at)
        {
            throw new DomainException("The scheduled close must be in the future.");
        }

        Status = RoundStatus.Open;
        OpenedAt = at;
    }

    internal void Close(DateTimeOffset at)
    {
        if (Status != RoundStatus.Open)
        {
            throw new DomainException("Round {0} is not open.", Number);
        }

        Status = RoundStatus.Closed;
        ClosedAt = at;
    }

    /// <summary>Slips can be printed, reprinted and revoked until the round closes.</summary>
    public void EnsureAcceptsSlips()
    {
        if (Status == RoundStatus.Closed)
        {
            throw new DomainException("Round {0} is closed: its slips can no longer be printed or revoked.", Number);
        }
    }

    /// <summary>
    /// Checks a ballot against this round and returns its choices in the round's order. Every mark
    /// must name a line of this ballot, once; every choice must be one of the round's; a post's 同意
    /// limit must hold. Every problem is reported, not only the first; an unmarked line is
    /// <see cref="Unmarked"/>.
    /// </summary>
    public BallotReading Read(IReadOnlyList<MarkInput> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var problems = new List<DomainMessage>();
        if (marks.Count > _items.Count)
        {
            problems.Add(new DomainMessage("The ballot has more marks than there are names on it."));
        }

        var byCadre = _items.ToDictionary(i => i.CadreId);
        var choices = Enumerable.Repeat(Unmarked, _items.Count).ToArray();
        var seen = new HashSet<int>();
        var foreign = false;
        foreach (var mark in marks)
        {
            if (!int.TryParse(mark.CandidateId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || !byCadre.TryGetValue(id, out var item))
            {
                foreign = true;
                continue;
            }

            if (!seen.Add(id))
            {
                problems.Add(new DomainMessage("{0} is marked more than once.", item.Name));
                continue;
            }

            if (string.IsNullOrEmpty(mark.Choice))
            {
                continue;
            }

            var index = IndexOfChoice(mark.Choice);
            if (index < 0)
            {
                problems.Add(new DomainMessage("The choice for {0} is not one of this ballot's choices.", item.Name));
                continue;
            }

            choices[item.Position] = (short)(index + 1);
        }

        if (foreign)
        {
            problems.Add(new DomainMessage("A mark names someone who is not on this ballot."));
        }

        if (Kind == RoundKind.Recommendation)
        {
            foreach (var group in _groups.Where(g => g.AgreeLimit > 0))
            {
                var agrees = _items.Count(i => i.Group == group.Index && choices[i.Position] == (short)Choice.Agree);
                if (agrees > group.AgreeLimit)
                {
                    problems.Add(new DomainMessage("{0}: at most {1} agree marks, this ballot has {2}.", group.Name, group.AgreeLimit, agrees));
                }
            }
        }

        return new BallotReading(problems.Count == 0 ? choices : null, problems);
    }
}
