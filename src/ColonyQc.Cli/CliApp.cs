using System.CommandLine;
using ColonyQc.Cli.Commands;
using ColonyQc.Cli.Progress;

namespace ColonyQc.Cli;

/// <summary>Builds the command tree; each command lives in its own file under Commands/.</summary>
public static class CliApp
{
    /// <summary>The root command with every sub-command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("ColonyQc: iPSC colony quality from microscope images (score, train, evaluate, recalibrate-gate, info, merge-reports, synth).");
        root.Options.Add(VerbosityOptions.Quiet);
        root.Options.Add(VerbosityOptions.Verbose);
        root.Add(ScoreCommand.Create());
        root.Add(InfoCommand.Create());
        root.Add(MergeReportsCommand.Create());
        root.Subcommands.Add(Commands.SynthCommand.Create());
        root.Subcommands.Add(Commands.TrainCommand.Create());
        root.Subcommands.Add(Commands.EvaluateCommand.Create());
        root.Subcommands.Add(RecalibrateGateCommand.Create());
        return root;
    }

    /// <summary>
    /// Parses <paramref name="args"/> and runs the chosen command with its output going to
    /// <paramref name="output"/> and <paramref name="error"/> (the console when null), so tests can
    /// capture it. Parse errors are usage errors: exit code 2, as every command documents.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        // A bare 'colonyqc' is someone finding out what the tool does: show the help, not an error.
        if (args.Length == 0)
        {
            args = ["--help"];
        }

        var root = Build();
        var parsed = root.Parse(args);
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            // Ctrl+C cancels the action's token; this is how long a command may take to stop cleanly
            // (finish the batch in flight, write the report of what was done) before the process is ended.
            ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
            // Failures are reported below through the configured writer, so tests and logs see them.
            EnableDefaultExceptionHandler = false,
        };
        // A verb with a path argument takes any token as the path, so '--jsn' for '--json' would be a file
        // name: a token that looks like an option and names no file is an unknown option.
        var misplaced = TypoSuggestions.OptionLikeArguments(parsed).ToList();
        if (parsed.Errors.Count > 0 || misplaced.Count > 0)
        {
            foreach (var parseError in parsed.Errors)
            {
                await configuration.Error.WriteLineAsync("colonyqc: " + parseError.Message).ConfigureAwait(false);
            }

            foreach (var token in misplaced)
            {
                await configuration.Error.WriteLineAsync($"colonyqc: unrecognized option '{token}'").ConfigureAwait(false);
            }

            foreach (var suggestion in TypoSuggestions.For(parsed).Concat(TypoSuggestions.ForOptions(parsed, misplaced)))
            {
                await configuration.Error.WriteLineAsync(suggestion).ConfigureAwait(false);
            }

            await configuration.Error.WriteLineAsync("Run 'colonyqc --help' or 'colonyqc <command> --help' for the options.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await configuration.Error.WriteLineAsync("colonyqc: unexpected failure: " + ex).ConfigureAwait(false);
            return ExitCodes.Unexpected;
        }
    }
}
