using System.Text.Json;
using CompetitivePosts.Web.Tests.Infrastructure;

namespace CompetitivePosts.Web.Tests.Features.Voting;

/// <summary>
/// The runtime setting the ballot hot path's figures depend on (docs/adr/0031): the app that run.sh, the bench and the
/// process tests start compiles each method once, fully optimised, instead of tiering up on the cores the voting needs.
/// </summary>
public class BallotRuntimeSettingsTests
{
    [Fact]
    public void BuiltApp_RuntimeConfig_TieredCompilationIsOff()
    {
        var config = Path.ChangeExtension(AppProcess.BuiltDll, ".runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var options = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(options.TryGetProperty("System.Runtime.TieredCompilation", out var tiered), $"{config} does not set tiered compilation.");
        Assert.False(tiered.GetBoolean());
        // Control: the file is the app's own, with the server GC the web SDK sets for it.
        Assert.True(options.GetProperty("System.GC.Server").GetBoolean());
    }
}
