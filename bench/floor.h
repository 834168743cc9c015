// The floor: RasEnumConnectionsW and RasGetConnectStatusW called in a C loop, with buffers that
// are already the right size and nothing done with what they return.
#ifndef WINRAS_BENCH_FLOOR_H
#define WINRAS_BENCH_FLOOR_H

#include <stdint.h>

// The sizes of RASCONNW (WINVER 0x600) and RASCONNSTATUSW (WINVER 0x601) on this architecture.
uint32_t floor_conn_size(void);
uint32_t floor_status_size(void);

// floor_enum calls RasEnumConnectionsW iters times with buf, cb bytes long, and stores the
// count of the last call in *count. It returns the first nonzero result, or 0.
uint32_t floor_enum(void *buf, uint32_t cb, uint64_t iters, uint32_t *count);

// floor_status calls RasGetConnectStatusW iters times with st, asking about handles[i % n] on
// the i-th call. It returns the first nonzero result, or 0.
uint32_t floor_status(void *st, const uint64_t *handles, uint32_t n, uint64_t iters);

// floor_stats calls RasGetConnectionStatistics iters times with a RAS_STATS, asking about
// handles[i % n] on the i-th call, and stores the last answer's counters (after dwSize) in
// last[14]. It returns the first nonzero result, or 0.
uint32_t floor_stats(const uint64_t *handles, uint32_t n, uint64_t iters, uint32_t *last);

// What the tests read back, by field name rather than by offset: the i-th RASCONNW in buf, or
// the RASCONNSTATUSW st. which is one of the FLOOR_* field numbers.
enum {
	FLOOR_ENTRY = 0,
	FLOOR_DEVICE_TYPE = 1,
	FLOOR_DEVICE_NAME = 2,
	FLOOR_PHONEBOOK = 3,
	FLOOR_PHONE_NUMBER = 4,
};
uint64_t floor_conn_handle(const void *buf, uint32_t i);
const uint16_t *floor_conn_field(const void *buf, uint32_t i, int which, uint32_t *chars);
uint32_t floor_status_state(const void *st);
const uint16_t *floor_status_field(const void *st, int which, uint32_t *chars);

#endif
