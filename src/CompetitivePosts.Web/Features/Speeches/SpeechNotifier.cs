using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>A competition's speech day changed (plan, order, clock): published after the change commits, keyed by competition id.</summary>
public sealed class SpeechNotifier : LiveChannel<int>;
