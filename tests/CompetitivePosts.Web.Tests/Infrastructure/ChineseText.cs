using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CompetitivePosts.Web.Tests.Infrastructure;

public static class ChineseText
{
    /// <summary>The message a refusal shows, in Chinese; fails when the key has no zh-CN text.</summary>
    public static string Chinese(this AppFixture app, string key, params object[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        try
        {
            var text = app.Services.GetRequiredService<IStringLocalizer<SharedResource>>()[key, args];
            Assert.False(text.ResourceNotFound, $"no zh-CN text for \"{key}\"");
            return text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
