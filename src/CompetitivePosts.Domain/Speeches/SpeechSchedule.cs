namespace CompetitivePosts.Domain.Speeches;

public static class SpeechSchedule
{
    /// <summary>
    /// Draws the speaking order from a recorded seed, so anyone holding the seed and the list can
    /// redo the draw and check it. Input order does not matter: ids are sorted before shuffling.
    /// </summary>
    public static IReadOnlyList<int> Draw(IEnumerable<int> cadreIds, int seed)
    {
        var order = cadreIds.Distinct().Order().ToArray();
#pragma warning disable CA5394 // A reproducible draw is the point; this is not a secret.
        new Random(seed).Shuffle(order);
#pragma warning restore CA5394
        return order;
    }
}
