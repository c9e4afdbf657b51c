package search

import "sort"

// nearHeap keeps the n smallest squared chords seen (a max-heap).
type nearItem struct {
	d2 float64
	i  int32
}

type nearHeap struct {
	n     int
	items []nearItem
}

func newNearHeap(n int) *nearHeap { return &nearHeap{n: n, items: make([]nearItem, 0, min(n, 64))} }

func (h *nearHeap) push(d2 float64, i int32) {
	it := nearItem{d2, i}
	if len(h.items) < h.n {
		h.items = append(h.items, it)
		h.up(len(h.items) - 1)
		return
	}
	if !less(it, h.items[0]) {
		return
	}
	h.items[0] = it
	h.down(0)
}

// less orders by distance, then by index for a stable answer.
func less(a, b nearItem) bool { return a.d2 < b.d2 || (a.d2 == b.d2 && a.i < b.i) }

func (h *nearHeap) up(j int) {
	for j > 0 {
		p := (j - 1) / 2
		if !less(h.items[p], h.items[j]) {
			return
		}
		h.items[p], h.items[j] = h.items[j], h.items[p]
		j = p
	}
}

func (h *nearHeap) down(j int) {
	n := len(h.items)
	for {
		l, big := 2*j+1, j
		if l < n && less(h.items[big], h.items[l]) {
			big = l
		}
		if r := l + 1; r < n && less(h.items[big], h.items[r]) {
			big = r
		}
		if big == j {
			return
		}
		h.items[j], h.items[big] = h.items[big], h.items[j]
		j = big
	}
}

// sorted returns the kept items, nearest first.
func (h *nearHeap) sorted() []nearItem {
	out := append([]nearItem(nil), h.items...)
	sort.Slice(out, func(a, b int) bool { return less(out[a], out[b]) })
	return out
}
