//go:build windows && cgo

// RasGetSubEntryHandleW, link by link: links are numbered from 1, 259 ERROR_NO_MORE_ITEMS is past
// the last, 618 ERROR_PORT_NOT_OPEN a link that is not connected.
#include <stddef.h>
#include <string.h>
#include <windows.h>
#include <ras.h>

#include "shim_load.h"
#include "shim_links.h"

_Static_assert(sizeof(winras_link) == 16 && offsetof(winras_link, rc) == 8, "winras_link is the same on both arches");
_Static_assert(offsetof(winras_links_result, links) == 8, "winras_links_result is the same on both arches");

#define LINK_NOT_CONNECTED 618u

winras_link winras_sub_entry(uintptr_t h, uint32_t n)
{
	winras_link out;
	HRASCONN sub = NULL;
	memset(&out, 0, sizeof out);
	out.rc = winras_api.get_sub_entry_handle((HRASCONN)h, n, &sub);
	if (out.rc == 0)
		out.handle = (uintptr_t)sub;
	return out;
}

winras_links_result winras_links(uintptr_t h)
{
	winras_links_result out;
	uint32_t n;
	memset(&out, 0, sizeof out);
	for (n = 1; n <= WINRAS_MAX_LINKS; n++) {
		winras_link l = winras_sub_entry(h, n);
		if (l.rc == ERROR_NO_MORE_ITEMS)
			break;
		if (l.rc != 0 && l.rc != LINK_NOT_CONNECTED) {
			out.rc = l.rc;
			break;
		}
		out.links[out.count++] = l;
	}
	return out;
}
