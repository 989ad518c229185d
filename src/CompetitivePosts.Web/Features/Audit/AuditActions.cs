namespace CompetitivePosts.Web.Features.Audit;

/// <summary>
/// The name of every audited action, kept stable because it is stored in the hash-chained trail,
/// and its English label, which is also the localisation key.
/// </summary>
public static class AuditActions
{
    public const string UnitCreate = "unit.create";
    public const string CompetitionCreate = "competition.create";
    public const string CadreAdd = "cadre.add";
    public const string PostAdd = "post.add";
    public const string Reset = "roster.reset";
    public const string Register = "registration.register";
    public const string RegistrationClose = "registration.close";
    public const string SpeechDraw = "speech.draw";
    public const string VotersIssue = "voting.issue";
    public const string VotingOpen = "voting.open";
    public const string VotingClose = "voting.close";
    public const string Decide = "decision.decide";
    public const string FilingSubmit = "filing.submit";
    public const string FilingAccept = "filing.accept";
    public const string FilingRefuse = "filing.refuse";
    public const string DemoSeed = "demo.seed";

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [UnitCreate] = "Added a unit",
        [CompetitionCreate] = "Created the competition",
        [CadreAdd] = "Added a cadre",
        [PostAdd] = "Added a post",
        [Reset] = "Reset to zero",
        [Register] = "Registered a cadre",
        [RegistrationClose] = "Closed registration",
        [SpeechDraw] = "Drew the speech order",
        [VotersIssue] = "Issued the voter roll",
        [VotingOpen] = "Opened voting",
        [VotingClose] = "Closed voting",
        [Decide] = "Recorded a decision",
        [FilingSubmit] = "Submitted for filing",
        [FilingAccept] = "Accepted the filing",
        [FilingRefuse] = "Refused the filing",
        [DemoSeed] = "Seeded the demo data",
    };

    public static IReadOnlyCollection<string> All => Labels.Keys;

    /// <summary>The English label (and localisation key); an action this build does not know shows as stored.</summary>
    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
