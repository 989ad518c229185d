namespace CompetitivePosts.Web;

/// <summary>
/// Marker for the one set of UI strings. Keys are the English text, so en-US needs no resource
/// file; Resources/SharedResource.zh-CN.resx holds the Chinese that is shown by default.
/// </summary>
#pragma warning disable CA1052 // A marker type for IStringLocalizer<T>; never instantiated.
public sealed class SharedResource
#pragma warning restore CA1052
{
}
