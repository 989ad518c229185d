using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Tally;

/// <summary>A competition's tally changed: published after each committed ballot, keyed by competition id.</summary>
public sealed class TallyNotifier : LiveChannel<int>;
