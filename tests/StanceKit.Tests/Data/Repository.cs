namespace StanceKit.Tests.Data;

/// <summary>Finds files of the repository (data/, README.md) from the test's output folder.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string File(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "StanceKit.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("StanceKit.sln not found above " + AppContext.BaseDirectory);
    }
}
