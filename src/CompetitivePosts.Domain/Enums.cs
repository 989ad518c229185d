namespace CompetitivePosts.Domain;

/// <summary>Who a voter is decides the ballot kind (DESIGN.md §2).</summary>
public enum VoterCategory
{
    /// <summary>Unit leaders at deputy-county level and above (副县级以上领导干部).</summary>
    A = 1,

    /// <summary>Current middle-level principal heads (现任中层正职).</summary>
    B = 2,

    /// <summary>Everyone else who votes.</summary>
    C = 3,
}

public enum Choice
{
    Agree = 1,
    Disagree = 2,
    Abstain = 3,
}

public enum PostLevel
{
    /// <summary>正科 / 中层正职.</summary>
    Principal = 1,

    /// <summary>副科 / 中层副职.</summary>
    Deputy = 2,
}

public enum CompetitionStatus
{
    Draft = 0,
    Registration = 1,
    Speeches = 2,
    Voting = 3,
    Deciding = 4,
    Filed = 5,
    Accepted = 6,
}

public enum FilingStatus
{
    Pending = 0,
    Accepted = 1,
    Refused = 2,
}
