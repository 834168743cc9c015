package ras

// sharedText hands out the strings of one decoded RAS answer: the shim's UTF-8 text (C memory,
// or a result on the stack, valid only during the call), field after field. The first string
// that is needed copies the whole text into one Go string, which every field then shares.
type sharedText struct {
	text []byte
	off  int
	all  string
}

func (t *sharedText) peek() byte { return t.text[t.off] }

func (t *sharedText) skip(n int) { t.off += n }

// next returns the next n bytes as a string: was itself when it has the same bytes, so a caller
// that still holds an equal string allocates nothing.
func (t *sharedText) next(n int, was string) string {
	b := t.text[t.off : t.off+n]
	start := t.off
	t.off += n
	if n == 0 {
		return ""
	}
	if string(b) == was {
		return was
	}
	if t.all == "" {
		t.all = string(t.text)
	}
	return t.all[start : start+n]
}
