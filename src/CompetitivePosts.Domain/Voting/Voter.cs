using System.Security.Cryptography;
using CompetitivePosts.Domain.Competitions;

namespace CompetitivePosts.Domain.Voting;

/// <summary>A line of the voter roll, carrying the single-use token behind the QR ballot link.</summary>
public class Voter
{
    private Voter() { Name = ""; Token = ""; }

    internal Voter(Cadre cadre)
    {
        Cadre = cadre;
        CadreId = cadre.Id;
        Name = cadre.Name;
        Category = cadre.Category;
        Token = NewToken();
    }

    public int Id { get; private set; }

    public int CompetitionId { get; private set; }

    public int? CadreId { get; private set; }

    public Cadre? Cadre { get; private set; }

    public string Name { get; private set; }

    public VoterCategory Category { get; private set; }

    /// <summary>128 random bits, URL-safe: unguessable, so the link alone admits the voter.</summary>
    public string Token { get; private set; }

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(16))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
