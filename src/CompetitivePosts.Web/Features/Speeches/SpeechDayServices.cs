using CompetitivePosts.Web.Features.Projector;
using CompetitivePosts.Web.Features.ScaleOut;

namespace CompetitivePosts.Web.Features.Speeches;

/// <summary>Everything the speech day registers, so Program.cs gains two lines rather than twenty.</summary>
public static class SpeechDayServices
{
    public static IServiceCollection AddSpeechDay(this IServiceCollection services)
    {
        services.AddLiveChannel<SpeechNotifier>();
        services.AddLiveChannel<ProjectorLinkNotifier>();
        services.AddSingleton<ProjectorLinks>();
        services.AddSingleton<SpeechLiveQuery>();
        services.AddHostedService<SpeechHubRelay>();
        services.AddScoped<SpeechDayChange>();
        services.AddScoped<SpeechesQuery>();
        services.AddScoped<DrawSpeechOrder.Handler>();
        services.AddScoped<VerifySpeechDraw.Handler>();
        services.AddScoped<SetSpeechPlan.Handler>();
        services.AddScoped<AddSpeechSession.Handler>();
        services.AddScoped<RemoveSpeechSession.Handler>();
        services.AddScoped<MoveSpeaker.Handler>();
        services.AddScoped<WithdrawSpeaker.Handler>();
        services.AddScoped<ControlSpeech.Handler>();
        return services;
    }

    public static WebApplication MapSpeechDay(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHub<SpeechHub>(SpeechHub.Path);
        return app;
    }
}
