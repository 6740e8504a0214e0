using System.Diagnostics;
using ColonyQc.Cli.Reports;
using Xunit;

namespace ColonyQc.Cli.Tests.EndToEnd;

/// <summary>The real <c>colonyqc</c> process, stopped mid-run: reports are never left half written.</summary>
public sealed class KilledProcessTests
{
    private static readonly string Tool = Path.Combine(AppContext.BaseDirectory, "colonyqc.dll");

    // Enough small images that the run lasts well over a second even on an idle machine (about
    // 340 images/s were seen), so the signal always lands mid-run; with 120 a quiet machine
    // finished before the signal and the test failed.
    private const int ImageCount = 600;

    private static Process Start(string folder, string report)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Tool, "score", folder, "--model", TestModel.Path, "--out", report, "--um-per-px", "2", "--threads", "1", "--batch-size", "1" })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    /// <summary>Reads standard error (progress and notes go there) until scoring has begun (the line the run prints just before the first image).</summary>
    private static async Task WaitForScoring(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("Scoring ", StringComparison.Ordinal))
            {
                // Give it a moment inside the scoring loop (short: the run itself must outlast it).
                await Task.Delay(100, timeout.Token);
                return;
            }
        }

        Assert.Fail("the process ended before scoring: " + await process.StandardOutput.ReadToEndAsync(timeout.Token));
    }

    [Fact]
    public async Task Killed_hard_mid_run_the_previous_report_is_intact_and_no_partial_file_is_left()
    {
        using var folder = new TempFolder();
        var images = Directory.CreateDirectory(folder.File("images")).FullName;
        TestImages.WriteMix(images, ImageCount);
        var report = folder.File("report.csv");
        const string Previous = "previous report\n";
        File.WriteAllText(report, Previous);

        using var process = Start(images, report);
        await WaitForScoring(process);
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();

        Assert.Equal(Previous, File.ReadAllText(report));
        Assert.Equal([report], Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task Sigterm_mid_run_stops_cleanly_with_a_valid_report_of_what_was_done()
    {
        using var folder = new TempFolder();
        var images = Directory.CreateDirectory(folder.File("images")).FullName;
        TestImages.WriteMix(images, ImageCount);
        var report = folder.File("report.csv");

        using var process = Start(images, report);
        await WaitForScoring(process);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 130, $"exit {process.ExitCode}: {output} {await process.StandardError.ReadToEndAsync()}");
        var rows = ReportFiles.Read(report).Rows;
        Assert.InRange(rows.Count, 0, ImageCount - 1);
        Assert.All(rows, r => Assert.Equal("ok", r.Status));
        Assert.Equal([report], Directory.GetFiles(folder.Path));
    }
}
