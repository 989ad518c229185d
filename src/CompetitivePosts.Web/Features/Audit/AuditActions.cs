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
    public const string DecisionMeeting = "decision.meeting";
    public const string DecidingRound = "decision.round";
    public const string DemoSeed = "demo.seed";
    public const string SpeechPlan = "speech.plan";
    public const string SpeechSessionAdd = "speech.session.add";
    public const string SpeechSessionRemove = "speech.session.remove";
    public const string SpeechMove = "speech.move";
    public const string SpeechWithdraw = "speech.withdraw";
    public const string SpeechAbsent = "speech.absent";
    public const string SpeechStart = "speech.start";
    public const string SpeechPause = "speech.pause";
    public const string SpeechResume = "speech.resume";
    public const string SpeechQuestions = "speech.questions";
    public const string SpeechNext = "speech.next";
    public const string ProjectorIssue = "projector.issue";
    public const string ProjectorRevoke = "projector.revoke";
    public const string CompetitionDelete = "competition.delete";
    public const string CompetitionArchive = "competition.archive";
    public const string CadreUpdate = "cadre.update";
    public const string CadreDelete = "cadre.delete";
    public const string PostUpdate = "post.update";
    public const string PostDelete = "post.delete";
    public const string CadresImport = "cadre.import";
    public const string PostsImport = "post.import";
    public const string ResetUndo = "roster.reset.undo";
    public const string PlanChange = "plan.change";
    public const string EligibilityOverride = "eligibility.override";
    public const string EligibilityOverrideRemove = "eligibility.override.remove";
    public const string RegistrationOpen = "registration.open";
    public const string RegistrationChange = "registration.change";
    public const string RegistrationWithdraw = "registration.withdraw";
    public const string RegistrationLinkIssue = "registration.link";
    public const string ReviewApprove = "review.approve";
    public const string ReviewReject = "review.reject";
    public const string ReviewApproveAll = "review.approve-all";
    public const string ReviewPublish = "review.publish";
    public const string AccountCreate = "account.create";
    public const string AccountUpdate = "account.update";
    public const string AccountDisable = "account.disable";
    public const string AccountEnable = "account.enable";
    public const string AccountPasswordReset = "account.password-reset";
    public const string AccountUnlock = "account.unlock";
    public const string AccountPasswordChange = "account.password-change";
    public const string VoterCategoryOverride = "voting.voter.category";
    public const string VoterAddOutside = "voting.voter.add";
    public const string VoterExclude = "voting.voter.exclude";
    public const string VoterReinstate = "voting.voter.reinstate";
    public const string RoundCreate = "voting.round.create";
    public const string RoundOpen = "voting.round.open";
    public const string RoundClose = "voting.round.close";
    public const string SlipsPrint = "voting.slips.print";
    public const string SlipRevoke = "voting.slip.revoke";
    public const string KioskBallot = "voting.kiosk";

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
        [DecisionMeeting] = "Recorded the committee meeting",
        [DecidingRound] = "Chose the deciding round",
        [DemoSeed] = "Seeded the demo data",
        [SpeechPlan] = "Set the speech plan",
        [SpeechSessionAdd] = "Added a speech session",
        [SpeechSessionRemove] = "Removed a speech session",
        [SpeechMove] = "Moved a speaker",
        [SpeechWithdraw] = "Recorded a withdrawal from the speeches",
        [SpeechAbsent] = "Marked a speaker absent",
        [SpeechStart] = "Started the speech clock",
        [SpeechPause] = "Paused the speech clock",
        [SpeechResume] = "Resumed the speech clock",
        [SpeechQuestions] = "Started the questions",
        [SpeechNext] = "Called the next speaker",
        [ProjectorIssue] = "Issued a projector link",
        [ProjectorRevoke] = "Revoked a projector link",
        [CompetitionDelete] = "Deleted the competition",
        [CompetitionArchive] = "Archived the competition",
        [CadreUpdate] = "Changed a cadre",
        [CadreDelete] = "Deleted a cadre",
        [PostUpdate] = "Changed a post",
        [PostDelete] = "Deleted a post",
        [CadresImport] = "Imported the roster",
        [PostsImport] = "Imported the posts",
        [ResetUndo] = "Undid the reset to zero",
        [PlanChange] = "Changed the eligibility rules",
        [EligibilityOverride] = "Overrode an eligibility result",
        [EligibilityOverrideRemove] = "Removed an eligibility override",
        [RegistrationOpen] = "Opened registration",
        [RegistrationChange] = "Changed a registration",
        [RegistrationWithdraw] = "Recorded a withdrawal",
        [RegistrationLinkIssue] = "Issued personal registration links",
        [ReviewApprove] = "Approved a registration",
        [ReviewReject] = "Rejected a registration",
        [ReviewApproveAll] = "Approved every eligible registration",
        [ReviewPublish] = "Published the qualified list",
        [AccountCreate] = "Created an account",
        [AccountUpdate] = "Changed an account's roles or units",
        [AccountDisable] = "Disabled an account",
        [AccountEnable] = "Enabled an account",
        [AccountPasswordReset] = "Reset an account's password",
        [AccountUnlock] = "Unlocked an account",
        [AccountPasswordChange] = "Changed own password",
        [VoterCategoryOverride] = "Changed a voter's ballot kind",
        [VoterAddOutside] = "Added an outside voter",
        [VoterExclude] = "Excluded a voter from the roll",
        [VoterReinstate] = "Put a voter back on the roll",
        [RoundCreate] = "Created a voting round",
        [RoundOpen] = "Opened a voting round",
        [RoundClose] = "Closed a voting round",
        [SlipsPrint] = "Printed ballot slips",
        [SlipRevoke] = "Revoked a ballot slip",
        [KioskBallot] = "Opened a ballot on the kiosk tablet",
    };

    public static IReadOnlyCollection<string> All => Labels.Keys;

    /// <summary>The English label (and localisation key); an action this build does not know shows as stored.</summary>
    public static string Label(string action) => Labels.GetValueOrDefault(action, action);
}
