// Package train implements the "newsgraph train" command and its
// subcommands.
package train

import "github.com/spf13/cobra"

// NewCmdTrain returns the "train" parent command.
func NewCmdTrain() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train models used by the ingest pipeline",
	}
	cmd.AddCommand(newCmdNER(), newCmdSyntax())
	return cmd
}
