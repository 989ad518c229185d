using CompetitivePosts.Domain.Tally;

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

/// <summary>Why an incumbent was left without a post (落岗原因).</summary>
public enum DropCause
{
    /// <summary>Over the age ceiling for every competed post, so not eligible to compete.</summary>
    Age = 1,

    /// <summary>Scored below the minimum (重票不唯票) for every post applied for.</summary>
    LowScore = 2,

    /// <summary>Withdrew (主动放弃), or did not register although eligible.</summary>
    Withdrew = 3,

    /// <summary>Eligible and above the minimum, but the committee chose someone else.</summary>
    NotChosen = 4,
}

/// <summary>What the competition knows about one cadre, from the reset snapshot, registration, review, the tally and the notice.</summary>
public sealed record CadreFacts(int CadreId, string Name, HeldPost? Before, HeldPost? After, bool WasMiddlePrincipal,
    bool Registered, bool Withdrew, bool Qualified, bool TooOld, bool BelowMinimum);

public sealed record CadreResult(CadreFacts Facts, Outcome Outcome, bool Exchanged, DropCause? Cause);

/// <summary>
/// The figures a city published (DESIGN.md §1), for one unit or summed over units. Rates are exact
/// fractions; a rate over nothing is null, not zero.
/// </summary>
public sealed record OutcomeFigures(int Posts, int Retained, int Promoted, int Dropped, int PrincipalsBefore, int Exchanged,
    int Registered, int Eligible)
{
    public static OutcomeFigures Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    public int Winners => Retained + Promoted;

    public Rational? PromotedShare => Winners == 0 ? null : new Rational(Promoted, Winners);

    public Rational? ExchangeRate => PrincipalsBefore == 0 ? null : new Rational(Exchanged, PrincipalsBefore);

    public Rational? RegistrationRate => Eligible == 0 ? null : new Rational(Registered, Eligible);

    public static OutcomeFigures operator +(OutcomeFigures a, OutcomeFigures b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Posts + b.Posts, a.Retained + b.Retained, a.Promoted + b.Promoted, a.Dropped + b.Dropped,
            a.PrincipalsBefore + b.PrincipalsBefore, a.Exchanged + b.Exchanged, a.Registered + b.Registered, a.Eligible + b.Eligible);
    }

    public static OutcomeFigures Add(OutcomeFigures a, OutcomeFigures b) => a + b;

    /// <summary>One decimal, half away from zero: "32.7". Null rates print as "—".</summary>
    public static string Percent(Rational? rate) => rate is { } r
        ? Math.Round(r.ToDecimal() * 100m, 1, MidpointRounding.AwayFromZero).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)
        : "—";

    public static OutcomeFigures Of(IReadOnlyCollection<CadreResult> results, int posts, int registered, int eligible)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new(posts,
            results.Count(r => r.Outcome == Outcome.Retained),
            results.Count(r => r.Outcome == Outcome.Promoted),
            results.Count(r => r.Outcome == Outcome.Dropped),
            results.Count(r => r.Facts.Before is { Level: PostLevel.Principal }),
            results.Count(r => r.Exchanged),
            registered, eligible);
    }
}

public static class OutcomeCauses
{
    /// <summary>Classifies a cadre and, for 落岗, names the cause: withdrawal first, then age, then the score, else the committee's choice.</summary>
    public static CadreResult Classify(CadreFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var (outcome, exchanged) = OutcomeClassifier.Classify(facts.Before, facts.After);
        DropCause? cause = outcome != Outcome.Dropped ? null
            : facts.Withdrew ? DropCause.Withdrew
            : facts.TooOld && !facts.Qualified ? DropCause.Age
            : !facts.Registered ? DropCause.Withdrew
            : facts.Qualified && facts.BelowMinimum ? DropCause.LowScore
            : DropCause.NotChosen;
        return new CadreResult(facts, outcome, exchanged, cause);
    }
}
