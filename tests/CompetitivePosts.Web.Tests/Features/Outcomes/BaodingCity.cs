using CompetitivePosts.Domain.Outcomes;

namespace CompetitivePosts.Web.Tests.Features.Outcomes;

/// <summary>One role in a generated unit: who a cadre is before the reset and what they do in the competition.</summary>
public enum CityRole
{
    Leader,
    PrincipalHolder,
    DeputyHolder,
    Newcomer,
    Loser,
    NotRegistered,
    ExcludedHolder,
}

/// <summary>A generated unit: posts, who holds them before, who wins them after, and every cadre's part.</summary>
public sealed record CityUnit(int Index, int Seats, int PrincipalPosts, int PrincipalHolders, int DeputyHolders, int Exchanged,
    IReadOnlyList<DropCause> Drops, int Losers, int NotRegistered)
{
    public int DeputyPosts => Seats - PrincipalPosts;

    public int Newcomers => Seats - (PrincipalHolders + DeputyHolders - Drops.Count);

    /// <summary>Unit 0 also has an excluded post (保密室主任) whose holder keeps it and is left out of every figure.</summary>
    public bool HasExcludedPost => Index == 0;
}

/// <summary>
/// Generates 61 units whose outcome reproduces Baoding's published figures exactly (DESIGN.md §1).
/// The arithmetic, with every post a single seat and every winner at 100 % or tied at the top:
/// <list type="bullet">
/// <item>Seats: 29 units of 19 and 32 of 18 = 1,127; 7 principal posts per unit.</item>
/// <item>Incumbents: 370 principals (4 units hold 7, 57 hold 6) + 459 deputies (32 units hold 8, 29 hold 7) = 829.</item>
/// <item>Dropped: one deputy per unit plus a second in units 0–9 = 71, their causes cycling age, low score,
///   withdrew, not chosen (18, 18, 18, 17). So retained = 829 − 71 = 758, and every other seat goes to a
///   newcomer: 1,127 − 758 = 369 promoted, 369 ÷ 1,127 = 32.74 % → 32.7 %.</item>
/// <item>Exchange: principals rotate posts in a cycle of 3 in 33 units and of 2 in 28 = 155; 155 ÷ 370 = 41.89 % → 41.9 %.</item>
/// <item>Registered: the 811 incumbents not too old + 369 newcomers + 1,325 who lose (22 in units 0–43, 21 after) = 2,505;
///   eligible adds 78 who do not register (2 in units 0–16, 1 after) = 2,583; 2,505 ÷ 2,583 = 96.98 % → 97.0 %.
///   Unit leaders, the too old and the holder of an excluded post are not eligible.</item>
/// </list>
/// </summary>
public static class BaodingCity
{
    public const int UnitCount = 61;

    private static readonly DropCause[] CauseCycle = [DropCause.Age, DropCause.LowScore, DropCause.Withdrew, DropCause.NotChosen];

    public static IReadOnlyList<CityUnit> Plan()
    {
        var units = new List<CityUnit>();
        var dropIndex = 0;
        for (var u = 0; u < UnitCount; u++)
        {
            var drops = new List<DropCause>();
            for (var d = 0; d < (u < 10 ? 2 : 1); d++)
            {
                drops.Add(CauseCycle[dropIndex++ % CauseCycle.Length]);
            }

            units.Add(new CityUnit(u, u < 29 ? 19 : 18, 7, u < 4 ? 7 : 6, u < 32 ? 8 : 7, u < 33 ? 3 : 2, drops, u < 44 ? 22 : 21, u < 17 ? 2 : 1));
        }

        return units;
    }
}
