using CompetitivePosts.Web.Features.Common;

namespace CompetitivePosts.Web.Features.Registration;

/// <summary>A competition's registrations or their review changed, keyed by competition id: the participation rate moves.</summary>
public sealed class RegistrationNotifier : LiveChannel<int>;
