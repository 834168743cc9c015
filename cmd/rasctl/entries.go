package main

import (
	"context"
	"flag"

	"github.com/winras/ras"
)

var entriesCommand = &command{
	name: "entries",
	args: "[--phonebook PATH] [--json]",
	help: `Lists the phone-book entries that can be dialled: those of every phone book of the user and
of all users, or of one phone book. Names repeat across phone books: "rasctl dial" takes the
PHONEBOOK of the one to dial.

Flags:
  --phonebook PATH   the entries of this phone-book (.pbk) file only
  --json             print a JSON array: {"name": …, "phonebook": …, "all_users": …} for each
`,
	run: runEntries,
}

// entryJSON is one phone-book entry.
type entryJSON struct {
	Name      string `json:"name"`
	Phonebook string `json:"phonebook"`
	AllUsers  bool   `json:"all_users"`
}

func runEntries(_ context.Context, c *cli, fs *flag.FlagSet, args []string) error {
	asJSON := fs.Bool("json", false, "")
	phonebook := fs.String("phonebook", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	entries, err := ras.Entries(*phonebook)
	if err != nil {
		return err
	}
	if *asJSON {
		list := make([]entryJSON, len(entries))
		for i, e := range entries {
			list[i] = entryJSON{Name: e.Name, Phonebook: e.Phonebook, AllUsers: e.AllUsers}
		}
		return writeJSON(c.stdout, list)
	}
	return writeEntries(c.stdout, entries)
}
