using Microsoft.AspNetCore.Identity;

namespace CompetitivePosts.Web.Data;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The unit an organizer may manage; null for administrators and reviewers.</summary>
    public int? UnitId { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Organizer = "Organizer";
    public const string Reviewer = "Reviewer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Organizer, Reviewer];
}

public static class AppClaims
{
    public const string UnitId = "cp:unit";
    public const string DisplayName = "cp:name";
}
