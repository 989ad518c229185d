namespace CompetitivePosts.Domain.Projector;

/// <summary>
/// A link that lets a big screen show one competition's live view without a sign-in: bound to a
/// purpose (the speech clock, a round's tally) and a scope, and valid until it expires or is
/// revoked. Only the SHA-256 of the token is kept, so the database cannot hand out working links.
/// </summary>
public class ProjectorLink
{
    public const int PurposeMaxLength = 30;
    public static readonly TimeSpan MinLifetime = TimeSpan.FromHours(1);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(7);

    private ProjectorLink()
    {
        Purpose = "";
        TokenHash = "";
        CreatedBy = "";
    }

    private ProjectorLink(int competitionId, string purpose, int? scopeId, string tokenHash, DateTimeOffset now, TimeSpan lifetime, string createdBy)
    {
        CompetitionId = competitionId;
        Purpose = Guard.Required(purpose, "A projector link needs a purpose.", PurposeMaxLength);
        ScopeId = scopeId;
        TokenHash = tokenHash;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
        CreatedBy = createdBy;
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    /// <summary>What the link shows, e.g. "speeches"; a token for one purpose opens nothing else.</summary>
    public string Purpose { get; private set; }

    /// <summary>A narrower scope within the competition (a voting round), when the purpose has one.</summary>
    public int? ScopeId { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>A new link and its token; the token is shown once and never stored.</summary>
    public static (ProjectorLink Link, string Token) Issue(int competitionId, string purpose, int? scopeId, DateTimeOffset now, TimeSpan lifetime, string createdBy)
    {
        if (lifetime < MinLifetime || lifetime > MaxLifetime)
        {
            throw new DomainException("A projector link lasts from {0} hour to {1} days.", (int)MinLifetime.TotalHours, (int)MaxLifetime.TotalDays);
        }

        var token = SecretToken.New(32);
        return (new ProjectorLink(competitionId, purpose, scopeId, HashToken(token), now, lifetime, createdBy), token);
    }

    public static string HashToken(string token) => SecretToken.Hash(token);

    public bool IsValidAt(DateTimeOffset now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
        {
            throw new DomainException("This projector link has already been revoked.");
        }

        RevokedAt = now;
    }
}
