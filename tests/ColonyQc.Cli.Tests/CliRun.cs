namespace ColonyQc.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static async Task<CliRun> Invoke(params string[] args) => await Invoke(CancellationToken.None, args);

    public static async Task<CliRun> Invoke(CancellationToken cancellationToken, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- output\n{Output}\n--- error\n{Error}";
}
