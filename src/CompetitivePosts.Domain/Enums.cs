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

/// <summary>
/// The stages in order. Stored by name, so the numbers only order them: code compares stages with
/// &lt; and &gt;, and inserting a stage renumbers the ones after it without touching stored rows.
/// </summary>
public enum CompetitionStatus
{
    Draft = 0,

    /// <summary>Reset to zero, registration not yet open: the reset can still be undone.</summary>
    Reset = 1,
    Registration = 2,

    /// <summary>资格审查: registration closed, the qualified list not yet published.</summary>
    Review = 3,
    Speeches = 4,
    Voting = 5,
    Deciding = 6,
    Filed = 7,
    Accepted = 8,
}

public enum FilingStatus
{
    Pending = 0,
    Accepted = 1,
    Refused = 2,
}
