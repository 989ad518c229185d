namespace CompetitivePosts.Domain.Tally;

public sealed record Ranked<T>(T Item, int Rank);

public static class Ranking
{
    /// <summary>
    /// Standard competition ranking: equal keys share a rank and the next rank skips (1, 1, 3).
    /// Within a tie the input order is kept, so callers can order ties by name for display.
    /// </summary>
    public static IReadOnlyList<Ranked<T>> Rank<T>(IEnumerable<T> items, Func<T, Rational> key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ordered = items.OrderByDescending(key).ToList();
        var ranked = new List<Ranked<T>>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var rank = i > 0 && key(ordered[i]).CompareTo(key(ordered[i - 1])) == 0 ? ranked[i - 1].Rank : i + 1;
            ranked.Add(new Ranked<T>(ordered[i], rank));
        }

        return ranked;
    }
}
