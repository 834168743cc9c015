package ras

// Entry is one phone-book entry, as RasEnumEntriesW lists it.
type Entry struct {
	Name string
	// Phonebook is the path of the entry's phone-book (.pbk) file (Windows 2000 and later). Names
	// repeat across phone books: give it to Dial (DialParams.Phonebook) to dial this very entry.
	Phonebook string
	// AllUsers is true for an entry of the all-users phone book (REN_AllUsers), false for one of
	// the user's own.
	AllUsers bool
}

// Entries lists the entries of the phone book at the path phonebook, or of every phone book of
// the user and of all users when phonebook is "". It wraps RasEnumEntriesW:
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasenumentriesw
func Entries(phonebook string) ([]Entry, error) { return entries(phonebook) }
