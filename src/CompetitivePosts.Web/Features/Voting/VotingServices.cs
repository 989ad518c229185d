namespace CompetitivePosts.Web.Features.Voting;

/// <summary>Everything voting registers, so Program.cs gains two lines rather than fifteen.</summary>
public static class VotingServices
{
    public static IServiceCollection AddVoting(this IServiceCollection services)
    {
        services.AddSingleton<BallotStore>();
        services.AddSingleton<BallotPageCache>();
        services.AddScoped<BallotSubmission>();
        services.AddScoped<CheckReceipt>();
        services.AddScoped<VoterRollHandler>();
        services.AddScoped<EditVoterRoll>();
        services.AddScoped<CreateRound>();
        services.AddScoped<RoundControl>();
        services.AddScoped<RoundQuery>();
        services.AddScoped<PrintSlips>();
        services.AddScoped<BallotChainService>();
        services.AddHostedService<RoundHousekeeping>();
        return services;
    }

    public static WebApplication MapVoting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapBallotPages();
        return app;
    }
}
