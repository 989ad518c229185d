using Microsoft.Extensions.Options;

namespace CompetitivePosts.Web.Features.Common;

internal static class Settings
{
    /// <summary>
    /// Binds a configuration section once, at start-up, with the class's defaults for what is not set,
    /// and offers it as <see cref="IOptions{T}"/>; the caller also gets it to configure services with.
    /// </summary>
    public static T AddSettings<T>(this IServiceCollection services, IConfiguration configuration, string section) where T : class, new()
    {
        var settings = configuration.GetSection(section).Get<T>() ?? new T();
        services.AddSingleton(Options.Create(settings));
        return settings;
    }
}
