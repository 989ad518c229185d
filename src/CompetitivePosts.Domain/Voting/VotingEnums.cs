namespace CompetitivePosts.Domain;

/// <summary>What a round asks (DESIGN.md §2): recommend candidates, or evaluate incumbents.</summary>
public enum RoundKind
{
    /// <summary>民主推荐: 同意 / 不同意 / 弃权 for each candidate, grouped by post.</summary>
    Recommendation = 1,

    /// <summary>民主测评 of named incumbents: 优秀 / 称职 / 基本称职 / 不称职.</summary>
    Evaluation = 2,
}

public enum RoundStatus
{
    /// <summary>Created: slips may be printed, no ballot is accepted yet.</summary>
    Prepared = 0,
    Open = 1,

    /// <summary>Closed for good: every token of the round is dead.</summary>
    Closed = 2,
}

/// <summary>How many 同意 marks a ballot may give within one post's group.</summary>
public enum AgreeLimitMode
{
    None = 0,

    /// <summary>At most the post's headcount (职数).</summary>
    Headcount = 1,

    /// <summary>At most the same number for every post.</summary>
    Fixed = 2,
}

/// <summary>The grades of 民主测评; stored on a ballot as their numbers, 0 when a voter left an incumbent ungraded.</summary>
public enum Grade
{
    Excellent = 1,
    Competent = 2,
    BasicallyCompetent = 3,
    Incompetent = 4,
}

/// <summary>The results a round's projector shows after the close, as the plan chooses.</summary>
public enum ProjectorResults
{
    /// <summary>Every candidate of every post, ranked, with the score.</summary>
    FullRanking = 0,

    /// <summary>Only the candidates at or above the minimum score, ranked.</summary>
    QualifiedOnly = 1,
}
