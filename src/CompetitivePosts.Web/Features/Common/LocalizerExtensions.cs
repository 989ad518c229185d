using CompetitivePosts.Domain;
using Microsoft.Extensions.Localization;

namespace CompetitivePosts.Web.Features.Common;

public static class LocalizerExtensions
{
    /// <summary>A domain rule's message in the user's language; enum arguments are translated too.</summary>
    public static string Message(this IStringLocalizer localizer, DomainException ex)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(ex);
        var args = ex.Args.Select(a => a is Enum e ? (object)localizer.Enum(e) : a).ToArray();
        return localizer[ex.MessageKey, args];
    }

    /// <summary>A rule's or an import's message in the user's language; enum arguments are translated too.</summary>
    public static string Message(this IStringLocalizer localizer, DomainMessage message)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(message);
        var args = message.Args.Select(a => a is Enum e ? (object)localizer.Enum(e) : a).ToArray();
        return localizer[message.Key, args];
    }

    /// <summary>
    /// A voting round as every page names it: its title, or "第1轮 · 民主测评" when it has none. <paramref name="numbered"/>
    /// puts the number before a title too, where several rounds are listed.
    /// </summary>
    public static string RoundName(this IStringLocalizer localizer, int number, string? title, RoundKind kind, bool numbered = false)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return string.IsNullOrEmpty(title) ? localizer["Round {0}: {1}", number, localizer.Enum(kind)]
            : numbered ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ". " + title
            : title;
    }

    /// <summary>Enum values are keyed "Type.Value" so that equal names in two enums can differ.</summary>
    public static string Enum(this IStringLocalizer localizer, Enum value)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(value);
        var key = value.GetType().Name + "." + value;
        var text = localizer[key];
        return text.ResourceNotFound ? value.ToString() : text.Value;
    }
}
