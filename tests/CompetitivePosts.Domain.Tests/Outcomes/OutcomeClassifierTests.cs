using CompetitivePosts.Domain.Outcomes;

namespace CompetitivePosts.Domain.Tests.Outcomes;

public class OutcomeClassifierTests
{
    private static readonly HeldPost PrincipalA = new(1, PostLevel.Principal);
    private static readonly HeldPost PrincipalB = new(2, PostLevel.Principal);
    private static readonly HeldPost DeputyC = new(3, PostLevel.Deputy);

    public static TheoryData<HeldPost?, HeldPost?, Outcome, bool> Cases => new()
    {
        { PrincipalA, PrincipalA, Outcome.Retained, false },
        { PrincipalA, PrincipalB, Outcome.Retained, true },
        { PrincipalA, DeputyC, Outcome.Retained, true },
        { null, DeputyC, Outcome.Promoted, false },
        { DeputyC, PrincipalA, Outcome.Promoted, false },
        { PrincipalA, null, Outcome.Dropped, false },
        { DeputyC, null, Outcome.Dropped, false },
        { null, null, Outcome.None, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Classify_BeforeAndAfter_GivesOutcomeAndExchange(HeldPost? before, HeldPost? after, Outcome outcome, bool exchanged) =>
        Assert.Equal(new CadreOutcome(outcome, exchanged), OutcomeClassifier.Classify(before, after));
}
