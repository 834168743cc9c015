// The C side of Statistics and LinkStatistics (see shim.h for the shim's conventions).
#ifndef WINRAS_SHIM_STATS_H
#define WINRAS_SHIM_STATS_H

#include <stdint.h>

// RAS_STATS without its dwSize, field for field, after rc: the Windows error code of the call, or
// 0. Returned by value, so that Go's copy stays on its stack (see shim.h).
typedef struct winras_stats {
	uint32_t rc;
	uint32_t bytes_sent;
	uint32_t bytes_received;
	uint32_t frames_sent;
	uint32_t frames_received;
	uint32_t crc_errors;
	uint32_t timeout_errors;
	uint32_t alignment_errors;
	uint32_t hardware_overrun_errors;
	uint32_t framing_errors;
	uint32_t buffer_overrun_errors;
	uint32_t compression_ratio_in;
	uint32_t compression_ratio_out;
	uint32_t bps;
	uint32_t connect_duration_ms;
} winras_stats;

// A sub-entry is one-based.
winras_stats winras_connection_stats(uintptr_t h);
winras_stats winras_link_stats(uintptr_t h, uint32_t subentry);

#endif
