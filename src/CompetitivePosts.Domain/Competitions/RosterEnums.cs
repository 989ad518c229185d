namespace CompetitivePosts.Domain.Competitions;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>学历, ordered so that a minimum can be compared.</summary>
public enum EducationLevel
{
    /// <summary>高中及以下.</summary>
    HighSchool = 1,

    /// <summary>中专.</summary>
    Secondary = 2,

    /// <summary>大学专科 (大专).</summary>
    JuniorCollege = 3,

    /// <summary>大学本科.</summary>
    Bachelor = 4,

    /// <summary>研究生 (硕士、博士).</summary>
    Postgraduate = 5,
}

/// <summary>职级, ordered from the lowest.</summary>
public enum CadreRank
{
    /// <summary>办事员.</summary>
    OfficeStaff = 1,

    /// <summary>科员.</summary>
    Clerk = 2,

    /// <summary>副科级.</summary>
    DeputySection = 3,

    /// <summary>正科级.</summary>
    Section = 4,

    /// <summary>副县级及以上.</summary>
    DeputyCounty = 5,
}

/// <summary>年度考核 grade, ordered from the best.</summary>
public enum Appraisal
{
    /// <summary>优秀.</summary>
    Excellent = 1,

    /// <summary>称职.</summary>
    Competent = 2,

    /// <summary>基本称职.</summary>
    BasicallyCompetent = 3,

    /// <summary>不称职.</summary>
    Incompetent = 4,
}

/// <summary>The three reasons a post may be kept out of the competition.</summary>
public enum PostExclusion
{
    /// <summary>涉及重要机密.</summary>
    ImportantSecrets = 1,

    /// <summary>涉及国家安全.</summary>
    NationalSecurity = 2,

    /// <summary>法律法规规定不宜公开竞争.</summary>
    ByLaw = 3,
}

/// <summary>资格审查 of one registration for one post.</summary>
public enum ReviewStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
}
