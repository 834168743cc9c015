//go:build windows && cgo

package ras

/*
#include "shim_stats.h"
*/
import "C"

import (
	"syscall"
	"time"
)

func statistics(h Handle) (Stats, error) {
	if err := loaded(); err != nil {
		return Stats{}, err
	}
	st := C.winras_connection_stats(C.uintptr_t(h))
	if st.rc != 0 {
		return Stats{}, connError("RasGetConnectionStatistics", syscall.Errno(st.rc))
	}
	return statsOf(&st), nil
}

func linkStatistics(h Handle, subEntry uint32) (Stats, error) {
	if err := loaded(); err != nil {
		return Stats{}, err
	}
	st := C.winras_link_stats(C.uintptr_t(h), C.uint32_t(subEntry))
	if st.rc != 0 {
		return Stats{}, connError("RasGetLinkStatistics", syscall.Errno(st.rc))
	}
	return statsOf(&st), nil
}

func statsOf(st *C.winras_stats) Stats {
	return Stats{
		BytesSent:             uint32(st.bytes_sent),
		BytesReceived:         uint32(st.bytes_received),
		FramesSent:            uint32(st.frames_sent),
		FramesReceived:        uint32(st.frames_received),
		CRCErrors:             uint32(st.crc_errors),
		TimeoutErrors:         uint32(st.timeout_errors),
		AlignmentErrors:       uint32(st.alignment_errors),
		HardwareOverrunErrors: uint32(st.hardware_overrun_errors),
		FramingErrors:         uint32(st.framing_errors),
		BufferOverrunErrors:   uint32(st.buffer_overrun_errors),
		CompressionRatioIn:    uint32(st.compression_ratio_in),
		CompressionRatioOut:   uint32(st.compression_ratio_out),
		LinkSpeed:             uint32(st.bps),
		Duration:              time.Duration(st.connect_duration_ms) * time.Millisecond,
	}
}
