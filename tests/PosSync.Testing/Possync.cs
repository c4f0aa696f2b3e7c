using System.Diagnostics;

namespace PosSync.Testing;

public sealed record CliResult(int ExitCode, string Output, string Errors);

/// <summary>Runs the real possync executable, as a user or a CronJob would (the test project references PosSync.Cli).</summary>
public static class Possync
{
    public static readonly string Dll = Path.Combine(AppContext.BaseDirectory, "possync.dll");

    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TimeSpan.FromMinutes(3), args);

    public static Task<CliResult> RunAsync(TimeSpan limit, params string[] args) => RunAsync(limit, new Dictionary<string, string>(), null, args);

    /// <summary>Runs possync with extra environment variables (how a CronJob configures it) and optional standard input.</summary>
    public static async Task<CliResult> RunAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment, string? input, params string[] args)
    {
        var end = await DotnetProcess.RunAsync(DotnetProcess.StartInfo(Dll, environment, args, input: input is not null), limit, input);
        return new CliResult(end.ExitCode, end.Output, end.Errors);
    }

    /// <summary>
    /// Runs possync as a person at a prompt would: each line it prints is shown to
    /// <paramref name="answer"/>, and the first answer given is typed on standard input, which then closes.
    /// </summary>
    public static async Task<CliResult> RunInteractiveAsync(TimeSpan limit, IReadOnlyDictionary<string, string> environment,
        Func<string, Task<string?>> answer, params string[] args)
    {
        using var process = Process.Start(DotnetProcess.StartInfo(Dll, environment, args, input: true))!;
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
