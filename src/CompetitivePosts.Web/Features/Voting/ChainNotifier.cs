using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Voting;

/// <summary>
/// Signed ballots of a competition were sealed into their round's chain, keyed by competition id. The sealer runs a couple
/// of seconds after the ballots it seals, so without this news a round page kept showing the last ballots as waiting to be
/// linked (待链接) until the next ballot arrived, or for good after the last one.
/// </summary>
public sealed class ChainNotifier : LiveChannel<int>;
