namespace CompetitivePosts.Web.Tests.Infrastructure;

/// <summary>The checkout the tests run from, for tests that read its files (sources, docs, scripts).</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "CompetitivePosts.sln")))
        {
            dir = dir.Parent;
        }

        return dir.FullName;
    }
}
