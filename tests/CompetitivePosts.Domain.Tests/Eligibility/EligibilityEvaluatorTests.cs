using CompetitivePosts.Domain.Competitions;
using CompetitivePosts.Domain.Eligibility;

namespace CompetitivePosts.Domain.Tests.Eligibility;

/// <summary>
/// The plan's rules as tables. Every table has a control row that passes, so a rule that always
/// failed (or a table that tested nothing) would show. Reference date 2009-06-01 unless a row says.
/// </summary>
public class EligibilityEvaluatorTests
{
    private static readonly DateOnly Reference = new(2009, 6, 1);

    private static CadreDetails Cadre(Action<CadreBuilder>? change = null)
    {
        var b = new CadreBuilder();
        change?.Invoke(b);
        return b.Build();
    }

    private static PostDetails Post(PostLevel level = PostLevel.Principal, EducationLevel? minimum = null, PostExclusion? exclusion = null) =>
        new() { Name = "办公室主任", Level = level, MinimumEducation = minimum, Exclusion = exclusion };

    private static List<string> Keys(EligibilityRules rules, CadreDetails cadre, PostDetails post, bool holdsExcluded = false) =>
        [.. EligibilityEvaluator.Evaluate(rules, cadre, post, holdsExcluded).Select(r => r.Message.Key)];

    private static EligibilityRules Rules(string? on = null) => EligibilityRules.Defaults(on is null ? Reference : DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("1970-05-01", PostLevel.Principal, "2009-06-01", true)]    // control
    [InlineData("1963-06-02", PostLevel.Principal, "2009-06-01", true)]    // 45 on the day: the ceiling itself is allowed
    [InlineData("1963-06-01", PostLevel.Principal, "2009-06-01", false)]   // 46th birthday is the reference date
    [InlineData("1968-06-02", PostLevel.Deputy, "2009-06-01", true)]       // 40: the deputy ceiling
    [InlineData("1968-06-01", PostLevel.Deputy, "2009-06-01", false)]      // 41 on the day
    [InlineData("1968-06-01", PostLevel.Principal, "2009-06-01", true)]    // the same cadre passes the principal ceiling
    public void Evaluate_AgeCeiling_AllowsTheCeilingAndNotADayMore(string born, PostLevel level, string on, bool eligible)
    {
        var birth = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture);

        var keys = Keys(Rules(on), Cadre(c => c.BirthDate = birth), Post(level));

        Assert.Equal(eligible, !keys.Contains("On {0} the cadre is {1}, above the age ceiling of {2} for {3} posts."));
        Assert.Equal(eligible, keys.Count == 0);
    }

    [Theory]
    [InlineData("2009-02-28", 44, true)]   // born 1964-02-29: in a common year the 45th birthday has not come on 28 February …
    [InlineData("2009-03-01", 44, false)]  // … it comes on 1 March
    [InlineData("2008-02-28", 43, true)]   // in a leap year the birthday is 29 February itself: 43 the day before …
    [InlineData("2008-02-29", 43, false)]  // … 44 on the day
    [InlineData("2009-03-01", 45, true)]   // control: within a higher ceiling
    public void Evaluate_LeapDayBirthday_ReachesTheAgeOnTheFirstOfMarch(string on, int ceiling, bool eligible)
    {
        var rules = Rules(on) with { PrincipalMaxAge = ceiling };

        var keys = Keys(rules, Cadre(c => c.BirthDate = new DateOnly(1964, 2, 29)), Post());

        Assert.Equal(eligible, keys.Count == 0);
    }

    [Theory]
    [InlineData(CadreRank.DeputySection, "2000-01-01", PostLevel.Principal, true, null)]   // control
    [InlineData(CadreRank.DeputySection, "2007-06-01", PostLevel.Principal, true, null)]   // exactly two years on the reference date
    [InlineData(CadreRank.DeputySection, "2007-06-02", PostLevel.Principal, false, "A {0} post needs {1} years as {2} by {3}; the cadre has held it since {4}.")]
    [InlineData(CadreRank.Section, "2009-05-01", PostLevel.Principal, true, null)]         // a rank above the minimum needs no years
    [InlineData(CadreRank.Clerk, "1990-01-01", PostLevel.Principal, false, "A {0} post needs the rank of {1} or above; the cadre is {2}.")]
    [InlineData(CadreRank.Clerk, "2006-06-01", PostLevel.Deputy, true, null)]              // three years as 科员, exactly
    [InlineData(CadreRank.Clerk, "2006-06-02", PostLevel.Deputy, false, "A {0} post needs {1} years as {2} by {3}; the cadre has held it since {4}.")]
    [InlineData(CadreRank.OfficeStaff, "1990-01-01", PostLevel.Deputy, false, "A {0} post needs the rank of {1} or above; the cadre is {2}.")]
    public void Evaluate_YearsInRank_CountsToTheAnniversaryDay(CadreRank rank, string since, PostLevel level, bool eligible, string? reason)
    {
        var keys = Keys(Rules(), Cadre(c =>
        {
            c.Rank = rank;
            c.RankSince = DateOnly.Parse(since, System.Globalization.CultureInfo.InvariantCulture);
        }), Post(level));

        Assert.Equal(eligible, keys.Count == 0);
        if (reason is not null)
        {
            Assert.Equal([reason], keys);
        }
    }

    [Theory]
    [InlineData("2009-02-28", false)]  // in the rank since 2008-02-29: one year is not complete on 28 February 2009
    [InlineData("2009-03-01", true)]   // it is on 1 March
    [InlineData("2010-02-28", true)]   // control: well past
    public void Evaluate_RankSinceLeapDay_CompletesTheYearOnTheFirstOfMarch(string on, bool eligible)
    {
        var rules = Rules(on) with { PrincipalMinYears = 1 };

        var keys = Keys(rules, Cadre(c =>
        {
            c.Rank = CadreRank.DeputySection;
            c.RankSince = new DateOnly(2008, 2, 29);
        }), Post());

        Assert.Equal(eligible, keys.Count == 0);
    }

    [Theory]
    [InlineData(EducationLevel.Bachelor, EducationLevel.JuniorCollege, null, 0)]               // control
    [InlineData(EducationLevel.JuniorCollege, EducationLevel.JuniorCollege, null, 0)]          // the minimum itself
    [InlineData(EducationLevel.Secondary, EducationLevel.JuniorCollege, null, 1)]              // below the plan
    [InlineData(EducationLevel.JuniorCollege, EducationLevel.JuniorCollege, EducationLevel.Bachelor, 1)] // below the post
    [InlineData(EducationLevel.Secondary, EducationLevel.JuniorCollege, EducationLevel.Bachelor, 2)]     // below both: both reasons
    [InlineData(EducationLevel.Secondary, null, null, 0)]                                      // no rule at all
    public void Evaluate_MinimumEducation_AppliesThePlanAndThePost(EducationLevel education, EducationLevel? plan, EducationLevel? post, int reasons)
    {
        var keys = Keys(Rules() with { MinimumEducation = plan }, Cadre(c => c.Education = education), Post(minimum: post));

        Assert.Equal(reasons, keys.Count);
    }

    [Fact]
    public void Evaluate_EducationNotRecorded_SaysSoOnceEvenWithTwoRules()
    {
        var keys = Keys(Rules(), Cadre(c => c.Education = null), Post(minimum: EducationLevel.Bachelor));

        Assert.Equal(["The education is not recorded."], keys);
        Assert.Empty(Keys(Rules(), Cadre(), Post(minimum: EducationLevel.Bachelor))); // control
    }

    [Theory]
    [InlineData(Appraisal.Excellent, Appraisal.Competent, null, true, 0)]                          // control
    [InlineData(Appraisal.Competent, Appraisal.Competent, Appraisal.BasicallyCompetent, true, 1)]  // 基本称职 two years before
    [InlineData(Appraisal.Incompetent, Appraisal.BasicallyCompetent, Appraisal.Excellent, true, 2)] // every poor year is a reason
    [InlineData(Appraisal.Incompetent, null, null, false, 0)]                                      // rule switched off
    public void Evaluate_PoorAppraisal_EveryPoorYearIsAReason(Appraisal? a1, Appraisal? a2, Appraisal? a3, bool rule, int reasons)
    {
        var keys = Keys(Rules() with { NoPoorAppraisal = rule }, Cadre(c => (c.Appraisal1, c.Appraisal2, c.Appraisal3) = (a1, a2, a3)), Post());

        Assert.Equal(reasons, keys.Count);
        Assert.All(keys, k => Assert.Equal("Appraisal {0} of the last three years was {1}.", k));
    }

    [Theory]
    [InlineData(true, true, 0)]    // control
    [InlineData(false, true, 1)]
    [InlineData(false, false, 0)]  // rule switched off
    public void Evaluate_InService_IsRequiredWhenThePlanSaysSo(bool inService, bool rule, int reasons)
    {
        var keys = Keys(Rules() with { RequireInService = rule }, Cadre(c => c.InService = inService), Post());

        Assert.Equal(reasons, keys.Count);
    }

    [Theory]
    [InlineData(5, null, 0)]   // control: no rule
    [InlineData(5, 5, 0)]      // exactly the minimum
    [InlineData(4, 5, 1)]
    [InlineData(null, 5, 1)]   // not recorded
    public void Evaluate_GrassrootsYears_OptionalMinimum(int? years, int? minimum, int reasons)
    {
        var keys = Keys(Rules() with { MinimumGrassrootsYears = minimum }, Cadre(c => c.GrassrootsYears = years), Post());

        Assert.Equal(reasons, keys.Count);
    }

    [Fact]
    public void Evaluate_CadreFailingEveryRule_GetsEveryReasonNotOnlyTheFirst()
    {
        var cadre = Cadre(c =>
        {
            c.BirthDate = new DateOnly(1950, 1, 1);
            c.Rank = CadreRank.OfficeStaff;
            c.Education = EducationLevel.HighSchool;
            c.Appraisal1 = Appraisal.Incompetent;
            c.InService = false;
            c.GrassrootsYears = 0;
        });

        var keys = Keys(Rules() with { MinimumGrassrootsYears = 2 }, cadre, Post(minimum: EducationLevel.Bachelor));

        Assert.Equal(7, keys.Count); // in post, rank, age, plan education, post education, appraisal, grassroots
        Assert.Empty(Keys(Rules() with { MinimumGrassrootsYears = 2 }, Cadre(c => c.GrassrootsYears = 2), Post(minimum: EducationLevel.Bachelor))); // control
    }

    [Fact]
    public void Evaluate_ExcludedPostAndUnitLeader_AreHardReasons()
    {
        var reasons = EligibilityEvaluator.Evaluate(Rules(), Cadre(c => c.IsCountyLeader = true), Post(exclusion: PostExclusion.NationalSecurity), true);

        Assert.Equal(3, reasons.Count);
        Assert.All(reasons, r => Assert.True(r.Hard));
        Assert.False(new EligibilityResult(reasons, "组织决定").Eligible); // an override cannot lift a hard reason
        var soft = EligibilityEvaluator.Evaluate(Rules(), Cadre(c => c.InService = false), Post());
        Assert.True(new EligibilityResult(soft, "借调期满即回岗").Eligible); // control: a soft one can be overridden
    }

    /// <summary>A cadre who meets every default rule, changed per row.</summary>
    private sealed class CadreBuilder
    {
        public DateOnly? BirthDate { get; set; } = new(1970, 5, 1);

        public CadreRank? Rank { get; set; } = CadreRank.DeputySection;

        public DateOnly? RankSince { get; set; } = new(2000, 1, 1);

        public EducationLevel? Education { get; set; } = EducationLevel.Bachelor;

        public Appraisal? Appraisal1 { get; set; } = Appraisal.Competent;

        public Appraisal? Appraisal2 { get; set; } = Appraisal.Competent;

        public Appraisal? Appraisal3 { get; set; } = Appraisal.Excellent;

        public bool InService { get; set; } = true;

        public bool IsCountyLeader { get; set; }

        public int? GrassrootsYears { get; set; }

        public CadreDetails Build() => new()
        {
            Name = "张干部", BirthDate = BirthDate, Rank = Rank, RankSince = RankSince, Education = Education, Appraisal1 = Appraisal1,
            Appraisal2 = Appraisal2, Appraisal3 = Appraisal3, InService = InService, IsCountyLeader = IsCountyLeader, GrassrootsYears = GrassrootsYears,
        };
    }
}
