// Package agent stands for a module that depends on winras: a VPN agent's code that hangs up a
// connection by its phone-book entry name. Its tests show how such a module tests its RAS code
// under Wine, with the commands of rassim/README.md.
package agent

import (
	"context"
	"errors"

	"github.com/winras/ras"
)

// HangUpEntry hangs up every connection of the phone-book entry named entry, and returns how many
// it hung up. A connection that ends on its own meanwhile counts as hung up.
func HangUpEntry(ctx context.Context, entry string) (int, error) {
	conns, err := ras.Connections()
	if err != nil {
		return 0, err
	}
	n := 0
	for _, c := range conns {
		if c.Entry != entry {
			continue
		}
		if err := ras.HangUp(ctx, c.Handle); err != nil && !errors.Is(err, ras.ErrConnectionGone) {
			return n, err
		}
		n++
	}
	return n, nil
}
