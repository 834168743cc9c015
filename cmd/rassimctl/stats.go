//go:build windows

package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/winras/ras/rassim"
)

// number is a flag holding a DWORD, decimal or 0x-hexadecimal; perSecond also takes an "N/s".
type number struct {
	v         *uint32
	perSecond bool
}

func (n number) String() string {
	if n.v == nil {
		return "0"
	}
	return strconv.FormatUint(uint64(*n.v), 10)
}

func (n number) Set(s string) error {
	if n.perSecond {
		s = strings.TrimSuffix(s, "/s")
	}
	v, err := strconv.ParseUint(s, 0, 32)
	if err != nil {
		if n.perSecond {
			return fmt.Errorf("%q: not a number per second (as \"1000/s\")", s)
		}
		return fmt.Errorf("%q: not a number", s)
	}
	*n.v = uint32(v)
	return nil
}

func uint32Flag(fs *flag.FlagSet, name string, v *uint32) {
	fs.Var(number{v: v}, name, "")
}

// setStats sets what RasGetConnectionStatistics, or with --sub RasGetLinkStatistics, reports.
func setStats(_ context.Context, args []string, _, _ io.Writer) error {
	fs := newFlags("stats")
	var s rassim.Stats
	var sub uint32
	uint32Flag(fs, "sub", &sub)
	for _, f := range []struct {
		name       string
		value      *uint32
		rateOfThis *uint32
	}{
		{"bytes-sent", &s.BytesSent, &s.BytesSentPerSecond},
		{"bytes-received", &s.BytesReceived, &s.BytesReceivedPerSecond},
		{"frames-sent", &s.FramesSent, &s.FramesSentPerSecond},
		{"frames-received", &s.FramesReceived, &s.FramesReceivedPerSecond},
		{"crc-errors", &s.CRCErrors, nil},
		{"timeout-errors", &s.TimeoutErrors, nil},
		{"alignment-errors", &s.AlignmentErrors, nil},
		{"hardware-overrun-errors", &s.HardwareOverrunErrors, nil},
		{"framing-errors", &s.FramingErrors, nil},
		{"buffer-overrun-errors", &s.BufferOverrunErrors, nil},
		{"compression-in", &s.CompressionRatioIn, nil},
		{"compression-out", &s.CompressionRatioOut, nil},
		{"bps", &s.Bps, nil},
	} {
		uint32Flag(fs, f.name, f.value)
		if f.rateOfThis != nil {
			fs.Var(number{v: f.rateOfThis, perSecond: true}, "rate-"+f.name, "")
		}
	}
	fs.DurationVar(&s.Duration, "duration", 0, "")
	ops, err := parse(fs, args, "HANDLE")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	if s.Duration < 0 || s.Duration > time.Duration(1<<32-1)*time.Millisecond {
		return usageError(fmt.Sprintf("--duration %v: 0 to 2^32-1 milliseconds (about 49.7 days)", s.Duration))
	}
	return rassim.SetStats(h, sub, s)
}
