// The fair floor: the least that any wrapper returning Go strings must do. One C call makes the
// RAS call into a buffer that is already the right size and decodes the strings to UTF-8 with
// the shim's decoder; Go then makes the allocations the API forces: one string, and for a
// listing one []ras.Conn.
#ifndef WINRAS_BENCH_FAIR_H
#define WINRAS_BENCH_FAIR_H

#include <stdint.h>

// One connection: its handle and the UTF-8 lengths of its entry, device type, device name and
// phone book, which follow the previous connection's in the text.
typedef struct fair_conn {
	uint64_t handle;
	uint32_t lens[4];
} fair_conn;

// Returned by value, so that Go's copy stays on its stack.
typedef struct fair_result {
	uint32_t rc;
	uint32_t count;    // connections; for a status, its state
	uint32_t text_len; // bytes of UTF-8 in the text
	uint32_t lens[3];  // a status's device type, device name and phone number
} fair_result;

// The most UTF-8 bytes one connection's strings take.
uint32_t fair_conn_text_max(void);
uint32_t fair_status_text_max(void);

// fair_enum lists the connections into buf (cb bytes of RASCONNW), and each one into out and
// text, which hold as many connections as buf.
fair_result fair_enum(void *buf, uint32_t cb, fair_conn *out, unsigned char *text);

// fair_status reads the status of h, its strings into text.
fair_result fair_status(uint64_t h, unsigned char *text);

#endif
