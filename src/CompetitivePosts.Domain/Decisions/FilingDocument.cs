using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CompetitivePosts.Domain.Audit;
using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Speeches;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Decisions;

/// <summary>
/// The raw counts of the deciding round, as read from the stored ballots, and its slips issued per ballot kind (the turnout's
/// denominator, as the tally and its report show it); the aggregate scores them itself.
/// </summary>
public sealed record DecidingCounts(int RoundId, IReadOnlyDictionary<VoterCategory, int> Ballots, IReadOnlyList<ChoiceCount> Choices,
    IReadOnlyDictionary<VoterCategory, int> Issued);

/// <summary>The competition's audit chain head when the version was filed (docs/adr/0008).</summary>
public sealed record AuditHead(long Seq, string Hash);

/// <summary>What one seat of one post decided, as a reviewer sees and judges it.</summary>
public sealed record DecisionInput(
    int PostId,
    int Seat,
    int? AppointeeId,
    JustificationCategory? Category = null,
    string? Justification = null,
    string? VacancyReason = null,
    IReadOnlyList<int>? Recused = null);

/// <summary>The reviewer's answer on one decision.</summary>
public sealed record DecisionReview(int PostId, int Seat, bool Accept, string? Reason = null);

/// <summary>
/// A filing version frozen at submission (docs/adr/0023): everything the organization department
/// judges, so that review pages and history never read live data. Serialised as canonical JSON.
/// </summary>
public sealed record FilingDocument(
    int Version,
    DateTimeOffset SubmittedAt,
    string Competition,
    int UnitId,
    int MinimumScorePercent,
    FiledPlan Plan,
    IReadOnlyList<FiledPost> Posts,
    IReadOnlyList<FiledApplicant> Applicants,
    FiledSpeechOrder SpeechOrder,
    FiledTally Tally,
    FiledMeeting Meeting,
    IReadOnlyList<FiledDecision> Decisions,
    AuditHead AuditHead)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public string ToCanonicalJson() => CanonicalJson.Write(JsonSerializer.SerializeToNode(this, Options));

    public static FilingDocument Parse(string json) =>
        JsonSerializer.Deserialize<FilingDocument>(json, Options) ?? throw new DomainException("The filing version cannot be read.");

    public static string HashOf(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}

public sealed record FiledPlan(EligibilityRulesCopy Rules, int MaxApplicationsPerCadre);

/// <summary>The plan's rules by name and value; kept as text so a later change of the rules type cannot alter an old version.</summary>
public sealed record EligibilityRulesCopy(IReadOnlyDictionary<string, string?> Values);

public sealed record FiledPost(int PostId, string Name, string? Department, PostLevel Level, int Headcount, PostExclusion? Exclusion);

public sealed record FiledApplicant(int CadreId, string Name, int PostId, int Preference, ReviewStatus Review, string? ReviewNote,
    bool EligibleByRules, IReadOnlyList<string> IneligibleBecause, string? OverrideReason, bool AcceptsReassignment, bool Withdrawn);

public sealed record FiledSpeaker(int Order, int CadreId, string Name, SpeechSlotStatus Status);

public sealed record FiledSpeechOrder(string? Seed, int? Algorithm, IReadOnlyList<FiledSpeaker> Speakers);

/// <summary>One ballot kind's turnout in the deciding round: <see cref="Voters"/> is the slips issued (not revoked), as on the 计票结果报告.</summary>
public sealed record FiledTurnout(VoterCategory Category, int Voters, int Ballots);

/// <summary>One candidate's raw counts per category and the score the aggregate computed from them.</summary>
public sealed record FiledCandidate(int CadreId, string Name, IReadOnlyDictionary<VoterCategory, FiledCounts> Counts, string Score, decimal Percent);

public sealed record FiledCounts(int Agree, int Disagree, int Abstain, int Ballots);

public sealed record FiledStanding(int PostId, int CadreId, string Name, int Rank, decimal Percent, bool Withdrawn);

public sealed record FiledTally(int RoundNumber, string RoundTitle, string Weights, IReadOnlyList<FiledTurnout> Turnout,
    IReadOnlyList<FiledCandidate> Candidates, IReadOnlyList<FiledStanding> Standings);

public sealed record FiledMeeting(DateOnly Date, IReadOnlyList<string> Attendees, string? Minutes);

public sealed record FiledDecision(
    int PostId,
    string PostName,
    int Seat,
    int? AppointeeId,
    string? AppointeeName,
    decimal? Percent,
    int? Rank,
    string? VacancyReason,
    JustificationCategory? Category,
    string? Justification,
    IReadOnlyList<Placement> SystemReason,
    IReadOnlyList<string> Recused);
