using CompetitivePosts.Domain.Tally;

namespace CompetitivePosts.Domain.Tests.Tally;

public class RankingTests
{
    [Fact]
    public void Rank_EqualScores_ShareRankAndNextRankSkips()
    {
        var scores = new[] { ("a", new Rational(1, 2)), ("b", new Rational(3, 4)), ("c", new Rational(2, 4)), ("d", new Rational(1, 4)) };

        var ranked = Ranking.Rank(scores, s => s.Item2).Select(r => (r.Item.Item1, r.Rank)).ToList();

        Assert.Equal([("b", 1), ("a", 2), ("c", 2), ("d", 4)], ranked);
    }

    [Fact]
    public void Rank_ScoresEqualOnlyAsFractions_StillTie()
    {
        // 4/10·1/3 + 3/10·1/3 + 3/10·1/3 is exactly 1/3; decimal arithmetic would leave a remainder.
        var third = new Rational(1, 3);
        var weighted = (new Rational(4, 10) * third) + (new Rational(3, 10) * third) + (new Rational(3, 10) * third);

        var ranked = Ranking.Rank([("x", weighted), ("y", third)], s => s.Item2);

        Assert.All(ranked, r => Assert.Equal(1, r.Rank));
    }

    [Fact]
    public void Rank_Empty_ReturnsEmpty() => Assert.Empty(Ranking.Rank(Array.Empty<Rational>(), r => r));
}
