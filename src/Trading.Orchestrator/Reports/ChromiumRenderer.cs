using System.Diagnostics;

namespace Trading.Orchestrator.Reports;

/// <summary>
/// Renders a local HTML file to PNG with Debian's headless chromium, isolated: a throw-away profile, no background
/// networking, no component updates, so a screenshot neither reads nor writes anything of the user's.
/// </summary>
public static class ChromiumRenderer
{
    public const string DefaultPath = "/usr/bin/chromium";

    /// <summary>Environment TRADING_CHROMIUM, when set, is the only candidate; else Debian's paths.</summary>
    public static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("TRADING_CHROMIUM");
        var candidates = string.IsNullOrWhiteSpace(configured) ? [DefaultPath, "/usr/bin/chromium-browser"] : new[] { configured };
        return candidates.FirstOrDefault(File.Exists);
    }

    public static async Task RenderAsync(string chromium, string htmlPath, string pngPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("trading-chromium-");
        try
        {
            var info = new ProcessStartInfo(chromium)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                $"--user-data-dir={profile.FullName}", $"--screenshot={Path.GetFullPath(pngPath)}", "--window-size=1280,1600",
                new Uri(Path.GetFullPath(htmlPath)).AbsoluteUri,
            })
            {
                info.ArgumentList.Add(argument);
            }

            using var process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {chromium}.");
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"chromium did not finish within {timeout.TotalSeconds:0} s.");
            }

            if (process.ExitCode != 0 || !File.Exists(pngPath))
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {(await stderr).Trim()}");
            }
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // chromium's helpers may still hold a file for a moment; a leftover temp folder is harmless.
            }
        }
    }
}
