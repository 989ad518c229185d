using CompetitivePosts.Domain;
using CompetitivePosts.Domain.Competitions;

namespace CompetitivePosts.Web.Tests.Infrastructure;

public static class TestCadres
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>
    /// A cadre who meets every default rule of the plan, for tests that are not about eligibility: 38 and
    /// ten years a 副科 whenever the test runs, because a new competition counts ages on the day it is created.
    /// </summary>
    public static CadreDetails Eligible(string name, VoterCategory category = VoterCategory.C) => CadreDetails.Of(name, category) with
    {
        Gender = Gender.Female,
        BirthDate = Today.AddYears(-38).AddDays(-40),
        Education = EducationLevel.Bachelor,
        Rank = CadreRank.DeputySection,
        RankSince = Today.AddYears(-10),
        Appraisal1 = Appraisal.Competent,
    };
}
