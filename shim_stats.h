// The C side of Statistics and LinkStatistics (see shim.h for the shim's conventions).
#ifndef WINRAS_SHIM_STATS_H
#define WINRAS_SHIM_STATS_H

#include <stdint.h>

// RAS_STATS without its dwSize, field for field.
typedef struct winras_stats {
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

// Each returns the Windows error code of the call, or 0. A sub-entry is one-based.
uint32_t winras_connection_stats(uintptr_t h, winras_stats *out);
uint32_t winras_link_stats(uintptr_t h, uint32_t subentry, winras_stats *out);

#endif
