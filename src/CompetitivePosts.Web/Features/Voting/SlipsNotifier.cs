using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// A competition's slips or voter roll changed, keyed by competition id: slips printed or revoked, a voter excluded or
/// moved to another ballot kind. The live tally's issued counts move with it; ballots alone never change them, so the
/// feed reads them again only on this news (and every few seconds), not on every push (docs/adr/0033).
/// </summary>
public sealed class SlipsNotifier : LiveChannel<int>;
