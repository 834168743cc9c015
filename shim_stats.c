//go:build windows && cgo

// RasGetConnectionStatistics and RasGetLinkStatistics: RAS_STATS has one version, 15 DWORDs.
#include <stddef.h>
#include <string.h>
#include <windows.h>
#include <ras.h>

#include "shim_load.h"
#include "shim_stats.h"

_Static_assert(sizeof(RAS_STATS) == 60, "RAS_STATS is 60 bytes on both arches");
_Static_assert(sizeof(winras_stats) == sizeof(RAS_STATS), "winras_stats is rc and RAS_STATS after dwSize");
_Static_assert(offsetof(RAS_STATS, dwBytesXmited) == 4 && offsetof(RAS_STATS, dwConnectDuration) == 56, "RAS_STATS");

static void copy_stats(winras_stats *out, const RAS_STATS *in)
{
	out->bytes_sent = in->dwBytesXmited;
	out->bytes_received = in->dwBytesRcved;
	out->frames_sent = in->dwFramesXmited;
	out->frames_received = in->dwFramesRcved;
	out->crc_errors = in->dwCrcErr;
	out->timeout_errors = in->dwTimeoutErr;
	out->alignment_errors = in->dwAlignmentErr;
	out->hardware_overrun_errors = in->dwHardwareOverrunErr;
	out->framing_errors = in->dwFramingErr;
	out->buffer_overrun_errors = in->dwBufferOverrunErr;
	out->compression_ratio_in = in->dwCompressionRatioIn;
	out->compression_ratio_out = in->dwCompressionRatioOut;
	out->bps = in->dwBps;
	out->connect_duration_ms = in->dwConnectDuration;
}

// Zeroed: a call that succeeds without writing (Wine's RasGetLinkStatistics) reads as zeros.
winras_stats winras_connection_stats(uintptr_t h)
{
	winras_stats out;
	RAS_STATS st;
	memset(&out, 0, sizeof out);
	memset(&st, 0, sizeof st);
	st.dwSize = sizeof st;
	out.rc = winras_api.get_connection_statistics((HRASCONN)h, &st);
	if (out.rc == 0)
		copy_stats(&out, &st);
	return out;
}

winras_stats winras_link_stats(uintptr_t h, uint32_t subentry)
{
	winras_stats out;
	RAS_STATS st;
	memset(&out, 0, sizeof out);
	memset(&st, 0, sizeof st);
	st.dwSize = sizeof st;
	out.rc = winras_api.get_link_statistics((HRASCONN)h, subentry, &st);
	if (out.rc == 0)
		copy_stats(&out, &st);
	return out;
}
