using System.Diagnostics;

namespace PosSync.Testing;

public sealed record CliResult(int ExitCode, string Output, string Errors);

/// <summary>Runs the real possync executable, as a user or a CronJob would (the test project references PosSync.Cli).</summary>
public static class Possync
{
    private static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "possync.dll");

    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TimeSpan.FromMinutes(3), args);

    public static Task<CliResult> RunAsync(TimeSpan limit, params string[] args) => RunAsync(limit, new Dictionary<string, string>(), null, args);

    /// <summary>Runs possync with extra environment variables (how a CronJob configures it) and optional standard input.</summary>
    public static async Task<CliResult> RunAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = input is not null, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"possync {string.Join(' ', args)} did not finish within {limit}");
        }
        return new CliResult(process.ExitCode, await output, await errors);
    }

    /// <summary>
    /// Runs possync as a person at a prompt would: each line it prints is shown to
    /// <paramref name="answer"/>, and the first answer given is typed on standard input, which then closes.
    /// </summary>
    public static async Task<CliResult> RunInteractiveAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment,
        Func<string, Task<string?>> answer, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var (name, value) in environment) start.Environment[name] = value;
        start.ArgumentList.Add(Dll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            var answered = false;
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                output.AppendLine(line);
                if (answered || await answer(line) is not { } typed) continue;
                answered = true;
                await process.StandardInput.WriteLineAsync(typed);
                process.StandardInput.Close();
            }
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"possync {string.Join(' ', args)} did not finish within {limit}");
        }
        return new CliResult(process.ExitCode, output.ToString(), await errors);
    }
}
