using System.CommandLine;

namespace ColonyQc.Cli;

/// <summary>Builds the command tree; each command lives in its own file under Commands/.</summary>
public static class CliApp
{
    /// <summary>The root command with every sub-command.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("ColonyQc: iPSC colony quality from microscope images (score, train, evaluate, info, synth).");
        root.Subcommands.Add(Commands.SynthCommand.Create());
        return root;
    }
}
