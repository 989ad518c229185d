using CompetitivePosts.Web.Features.Tally;
using CompetitivePosts.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace CompetitivePosts.Web.Tests.Features.Tally;

internal static class TallyHubClients
{
    /// <summary>A client of the suite's /hubs/tally, signed in with <paramref name="session"/>'s cookie, or anonymous.</summary>
    public static HubConnection Connect(this AppFixture app, WebSession? session) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseUri, TallyHub.Path.TrimStart('/')), o =>
            {
                if (session is not null)
                {
                    o.Cookies = session.Cookies;
                }
            })
            .Build();
}
