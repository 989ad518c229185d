using Microsoft.AspNetCore.Identity;

namespace CompetitivePosts.Web.Data;

public class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>The units an organizer may manage; empty for the other roles.</summary>
    public ICollection<UserUnit> Units { get; } = [];

    /// <summary>Set by an administrator; a disabled account cannot sign in and its sessions end.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set when an administrator chose the password: the user must replace it at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

/// <summary>One unit an organizer may manage.</summary>
public class UserUnit
{
    public string UserId { get; set; } = "";

    public int UnitId { get; set; }
}

public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Organizer = "Organizer";
    public const string Reviewer = "Reviewer";

    /// <summary>纪检: discipline inspection, sees every unit and changes nothing.</summary>
    public const string Observer = "Observer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Organizer, Reviewer, Observer];
}

public static class AppClaims
{
    /// <summary>One claim per unit an organizer may manage.</summary>
    public const string UnitId = "cp:unit";
    public const string DisplayName = "cp:name";

    /// <summary>A fresh random id per sign-in, so every sign-in is a new session.</summary>
    public const string Session = "cp:session";

    /// <summary>Present while the user must replace a password an administrator chose.</summary>
    public const string MustChangePassword = "cp:mustchange";
}
