// Package eval implements the "newsgraph eval" command: evaluation of the
// pipeline's components against annotated data.
package eval

import "github.com/spf13/cobra"

// NewCmdEval returns the "eval" parent command.
func NewCmdEval() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Evaluate pipeline components against annotated data",
	}
	cmd.AddCommand(newCmdNER(), newCmdSyntax())
	cmd.AddCommand(newCmdQuotes(), newCmdMeetings(), newCmdActors(), newCmdArticles())
	// Other evaluation subcommands (quotes, meetings, ...) are added here.
	return cmd
}
