// The shim's one decoder of Windows' UTF-16 text. It includes no Windows header, so that a native
// cgo test can fuzz it against Go's unicode/utf16 (see wide.go).
#ifndef WINRAS_WIDE_H
#define WINRAS_WIDE_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

// The most bytes winras_utf8 writes for a field of n UTF-16 units: a unit alone takes at most
// three bytes, a surrogate pair four for its two.
#define WINRAS_UTF8_MAX(n) (3 * (size_t)(n))

// winras_utf8 decodes the fixed-size field src of n units into dst as UTF-8, up to its first NUL
// or, when it has none, the whole field, never reading past it. As Go's unicode/utf16 does, a
// surrogate pair becomes one rune and an unpaired surrogate U+FFFD. dst must hold
// WINRAS_UTF8_MAX(n) bytes; it gets no terminator. Returns the number of bytes written.
static inline size_t winras_utf8(unsigned char *dst, const uint16_t *src, size_t n)
{
	unsigned char *out = dst;
	for (size_t i = 0; i < n && src[i] != 0; i++) {
		// Most of what RAS reports is ASCII: four units at a time while all four are ASCII and
		// none is NUL (a unit u is either when u - 1 >= 0x7F, which sets bit 15 of its lane
		// or of its own value).
		while (i + 4 <= n) {
			uint64_t w;
			memcpy(&w, &src[i], sizeof w);
			if (((w - 0x0001000100010001u) | w) & 0xFF80FF80FF80FF80u)
				break;
			out[0] = (unsigned char)w;
			out[1] = (unsigned char)(w >> 16);
			out[2] = (unsigned char)(w >> 32);
			out[3] = (unsigned char)(w >> 48);
			out += 4;
			i += 4;
		}
		if (i >= n || src[i] == 0)
			break;
		uint32_t r = src[i];
		if (r >= 0xD800 && r < 0xE000) {
			if (r < 0xDC00 && i + 1 < n && src[i + 1] >= 0xDC00 && src[i + 1] < 0xE000) {
				r = 0x10000 + ((r - 0xD800) << 10) + (src[i + 1] - 0xDC00u);
				i++;
			} else {
				r = 0xFFFD;
			}
		}
		if (r < 0x80) {
			*out++ = (unsigned char)r;
		} else if (r < 0x800) {
			*out++ = (unsigned char)(0xC0 | r >> 6);
			*out++ = (unsigned char)(0x80 | (r & 0x3F));
		} else if (r < 0x10000) {
			*out++ = (unsigned char)(0xE0 | r >> 12);
			*out++ = (unsigned char)(0x80 | (r >> 6 & 0x3F));
			*out++ = (unsigned char)(0x80 | (r & 0x3F));
		} else {
			*out++ = (unsigned char)(0xF0 | r >> 18);
			*out++ = (unsigned char)(0x80 | (r >> 12 & 0x3F));
			*out++ = (unsigned char)(0x80 | (r >> 6 & 0x3F));
			*out++ = (unsigned char)(0x80 | (r & 0x3F));
		}
	}
	return (size_t)(out - dst);
}

// winras_utf8_append decodes the field src of n units as winras_utf8 does, at *text, which it
// advances past what it wrote, and returns that length: the fields of one RAS struct go one after
// another into one text.
static inline uint32_t winras_utf8_append(unsigned char **text, const uint16_t *src, size_t n)
{
	size_t len = winras_utf8(*text, src, n);
	*text += len;
	return (uint32_t)len;
}

#endif
