namespace CompetitivePosts.Domain.Outcomes;

public enum Outcome
{
    /// <summary>Held no section-level post before and holds none after.</summary>
    None,

    /// <summary>留任.</summary>
    Retained,

    /// <summary>提任: none before, or deputy before and principal after.</summary>
    Promoted,

    /// <summary>落岗.</summary>
    Dropped,
}

/// <summary>A section-level post held by a cadre, before the reset or after the appointment.</summary>
public sealed record HeldPost(int PostId, PostLevel Level);

public sealed record CadreOutcome(Outcome Outcome, bool Exchanged);

/// <summary>DESIGN.md §4: compares the post held before the reset with the post won.</summary>
public static class OutcomeClassifier
{
    public static CadreOutcome Classify(HeldPost? before, HeldPost? after)
    {
        var outcome = (before, after) switch
        {
            (null, null) => Outcome.None,
            (null, _) => Outcome.Promoted,
            (_, null) => Outcome.Dropped,
            ({ Level: PostLevel.Deputy }, { Level: PostLevel.Principal }) => Outcome.Promoted,
            _ => Outcome.Retained,
        };
        var exchanged = before is { Level: PostLevel.Principal } && after is not null && after.PostId != before.PostId;
        return new CadreOutcome(outcome, exchanged);
    }
}
