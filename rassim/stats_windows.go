//go:build windows

package rassim

import (
	"fmt"
	"math"
	"time"
	"unsafe"

	"github.com/winras/ras"
)

var procSetStats = rasapi32.NewProc("RasSimSetStats")

// Stats are what SetStats makes RasGetConnectionStatistics or RasGetLinkStatistics report:
// RAS_STATS's values as they are at the call, and how fast its four byte and frame counters
// grow from there.
type Stats struct {
	BytesSent      uint32 // dwBytesXmited
	BytesReceived  uint32 // dwBytesRcved
	FramesSent     uint32 // dwFramesXmited
	FramesReceived uint32 // dwFramesRcved

	CRCErrors             uint32 // dwCrcErr
	TimeoutErrors         uint32 // dwTimeoutErr
	AlignmentErrors       uint32 // dwAlignmentErr
	HardwareOverrunErrors uint32 // dwHardwareOverrunErr
	FramingErrors         uint32 // dwFramingErr
	BufferOverrunErrors   uint32 // dwBufferOverrunErr

	CompressionRatioIn  uint32 // dwCompressionRatioIn, percent
	CompressionRatioOut uint32 // dwCompressionRatioOut, percent
	Bps                 uint32 // dwBps: the speed in bits per second

	// Duration is dwConnectDuration at the call, in whole milliseconds (below 2^32 of them); it
	// goes on counting from there, and wraps as Windows' does.
	Duration time.Duration

	// Per second: each of the four counters reads its value + its rate × the time since SetStats
	// (whole milliseconds, the same as Duration's), modulo 2^32.
	BytesSentPerSecond      uint32
	BytesReceivedPerSecond  uint32
	FramesSentPerSecond     uint32
	FramesReceivedPerSecond uint32
}

// rawStats mirrors RASSIM_STATS (rassim/dll/rassim.h): RAS_STATS, then the four rates.
type rawStats struct {
	Size                                                 uint32
	BytesSent, BytesReceived, FramesSent, FramesReceived uint32
	CRC, Timeout, Alignment, HardwareOverrun             uint32
	Framing, BufferOverrun                               uint32
	CompressionIn, CompressionOut, Bps, DurationMS       uint32
	BytesSentRate, BytesReceivedRate                     uint32
	FramesSentRate, FramesReceivedRate                   uint32
}

// SetStats sets what RasGetConnectionStatistics(h) (subEntry 0) or RasGetLinkStatistics(h,
// subEntry) (a link, 1 to 32) reports from now on. Until it is called a connection reports zeros
// and the milliseconds since it connected. A link's statistics are also those of its sub-entry
// handle, which SetStats makes if need be; the link need not be connected yet (it answers 618
// until it is). An unknown handle gives ERROR_INVALID_HANDLE, a sub-entry above 32
// ERROR_INVALID_PARAMETER.
func SetStats(h ras.Handle, subEntry uint32, s Stats) error {
	if s.Duration < 0 || s.Duration/time.Millisecond > math.MaxUint32 {
		return fmt.Errorf("rassim: Stats.Duration %v out of range (0 to 2^32-1 ms)", s.Duration)
	}
	r := &rawStats{
		Size:      uint32(unsafe.Sizeof(rawStats{})),
		BytesSent: s.BytesSent, BytesReceived: s.BytesReceived, FramesSent: s.FramesSent, FramesReceived: s.FramesReceived,
		CRC: s.CRCErrors, Timeout: s.TimeoutErrors, Alignment: s.AlignmentErrors,
		HardwareOverrun: s.HardwareOverrunErrors, Framing: s.FramingErrors, BufferOverrun: s.BufferOverrunErrors,
		CompressionIn: s.CompressionRatioIn, CompressionOut: s.CompressionRatioOut, Bps: s.Bps,
		DurationMS:    uint32(s.Duration / time.Millisecond),
		BytesSentRate: s.BytesSentPerSecond, BytesReceivedRate: s.BytesReceivedPerSecond,
		FramesSentRate: s.FramesSentPerSecond, FramesReceivedRate: s.FramesReceivedPerSecond,
	}
	return call(procSetStats, uintptr(h), uintptr(subEntry), uintptr(unsafe.Pointer(r)))
}
