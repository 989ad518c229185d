using CompetitivePosts.Domain.Outcomes;
using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Tests.Outcomes;

public class OutcomeCausesTests
{
    private static readonly HeldPost Principal1 = new(1, PostLevel.Principal);
    private static readonly HeldPost Principal2 = new(2, PostLevel.Principal);
    private static readonly HeldPost Deputy3 = new(3, PostLevel.Deputy);

    private static CadreFacts Facts(HeldPost? before, HeldPost? after, bool registered = true, bool withdrew = false, bool qualified = true,
        bool tooOld = false, bool below = false) =>
        new(1, "张三", before, after, before?.Level == PostLevel.Principal, registered, withdrew, qualified, tooOld, below);

    public static TheoryData<string, Outcome, bool, DropCause?> Cases => new()
    {
        { "retained", Outcome.Retained, false, null },
        { "exchanged", Outcome.Retained, true, null },
        { "promoted-new", Outcome.Promoted, false, null },
        { "promoted-deputy", Outcome.Promoted, false, null },
        { "withdrew", Outcome.Dropped, false, DropCause.Withdrew },
        { "not-registered", Outcome.Dropped, false, DropCause.Withdrew },
        { "age", Outcome.Dropped, false, DropCause.Age },
        { "low-score", Outcome.Dropped, false, DropCause.LowScore },
        { "not-chosen", Outcome.Dropped, false, DropCause.NotChosen },
        { "never-held", Outcome.None, false, null },
    };

    private static CadreFacts Case(string name) => name switch
    {
        "retained" => Facts(Principal1, Principal1),
        "exchanged" => Facts(Principal1, Principal2),
        "promoted-new" => Facts(null, Deputy3),
        "promoted-deputy" => Facts(Deputy3, Principal1),
        "withdrew" => Facts(Principal1, null, withdrew: true, below: true),
        "not-registered" => Facts(Deputy3, null, registered: false, qualified: false),
        "age" => Facts(Principal1, null, registered: false, qualified: false, tooOld: true),
        "low-score" => Facts(Deputy3, null, below: true),
        "not-chosen" => Facts(Principal1, null),
        _ => Facts(null, null),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_EachCase_GivesOutcomeExchangeAndCause(string name, Outcome outcome, bool exchanged, DropCause? cause)
    {
        var result = OutcomeCauses.Classify(Case(name));
        Assert.Equal((outcome, exchanged, cause), (result.Outcome, result.Exchanged, result.Cause));
    }

    [Fact]
    public void Classify_TooOldButQualifiedByOverrideAndBelowMinimum_IsLowScoreNotAge() =>
        Assert.Equal(DropCause.LowScore, OutcomeCauses.Classify(Facts(Principal1, null, tooOld: true, below: true)).Cause);

    [Fact]
    public void Figures_OfResults_CountsAndRatesAreExact()
    {
        CadreResult[] results =
        [
            OutcomeCauses.Classify(Facts(Principal1, Principal1)),
            OutcomeCauses.Classify(Facts(Principal2, Principal1 with { PostId = 9 })),
            OutcomeCauses.Classify(Facts(null, Deputy3)),
            OutcomeCauses.Classify(Facts(Deputy3, null)),
            OutcomeCauses.Classify(Facts(null, null)),
        ];
        var f = OutcomeFigures.Of(results, posts: 3, registered: 5, eligible: 6);
        Assert.Equal((2, 1, 1, 2, 1), (f.Retained, f.Promoted, f.Dropped, f.PrincipalsBefore, f.Exchanged));
        Assert.Equal(new Rational(1, 3), f.PromotedShare);
        Assert.Equal("33.3", OutcomeFigures.Percent(f.PromotedShare));
        Assert.Equal("50.0", OutcomeFigures.Percent(f.ExchangeRate));
        Assert.Equal("83.3", OutcomeFigures.Percent(f.RegistrationRate));
        Assert.Equal("—", OutcomeFigures.Percent(OutcomeFigures.Zero.ExchangeRate));
        Assert.Equal(f.Posts * 2, (f + f).Posts);
    }
}
