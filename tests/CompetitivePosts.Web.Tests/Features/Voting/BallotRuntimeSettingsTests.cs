using System.Text.Json;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// The runtime settings the ballot hot path's figures depend on: the app that run.sh, the bench and the process tests start
/// compiles each method once, fully optimised, instead of tiering up on the cores the voting needs (docs/adr/0031), and
/// collects garbage with the workstation collector in the background (docs/adr/0032).
/// </summary>
public class BallotRuntimeSettingsTests
{
    [Fact]
    public void BuiltApp_RuntimeConfig_CompilesOnceAndCollectsOnTheWorkstationCollector()
    {
        var config = Path.ChangeExtension(AppProcess.BuiltDll, ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var runtime = json.RootElement.GetProperty("runtimeOptions");
        var options = runtime.GetProperty("configProperties");

        Assert.True(options.TryGetProperty("System.Runtime.TieredCompilation", out var tiered), $"{config} does not set tiered compilation.");
        Assert.False(tiered.GetBoolean());
        Assert.True(options.TryGetProperty("System.GC.Server", out var server), $"{config} does not choose a garbage collector.");
        Assert.False(server.GetBoolean());
        // Control: the file is the web app's own, not the test host's.
        Assert.Contains(runtime.GetProperty("frameworks").EnumerateArray(), f => f.GetProperty("name").GetString() == "Microsoft.AspNetCore.App");
    }
}
