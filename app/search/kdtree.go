package search

import "sort"

// kdTree finds the nearest of a fixed set of points on the unit sphere
// (as 3-D vectors, where the straight chord orders like the great-circle
// distance). It is a balanced tree laid out in one slice: the median of
// each range is its node, split on x, y, z in turn.
type kdTree struct {
	pts [][3]float64
	idx []int32 // point indices, permuted into tree order
}

func newKDTree(pts [][3]float64, idx []int32) *kdTree {
	t := &kdTree{pts: pts, idx: append([]int32(nil), idx...)}
	t.build(0, len(t.idx), 0)
	return t
}

func (t *kdTree) build(lo, hi, axis int) {
	if hi-lo <= 1 {
		return
	}
	part := t.idx[lo:hi]
	sort.Slice(part, func(a, b int) bool { return t.pts[part[a]][axis] < t.pts[part[b]][axis] })
	mid := (lo + hi) / 2
	next := (axis + 1) % 3
	t.build(lo, mid, next)
	t.build(mid+1, hi, next)
}

// nearest returns the index of the point nearest q and its squared chord;
// -1 when the tree is empty.
func (t *kdTree) nearest(q [3]float64) (int32, float64) {
	best, bestD := int32(-1), 5.0 // chords are at most 2, squared 4
	t.search(q, 0, len(t.idx), 0, &best, &bestD)
	return best, bestD
}

func (t *kdTree) search(q [3]float64, lo, hi, axis int, best *int32, bestD *float64) {
	if lo >= hi {
		return
	}
	mid := (lo + hi) / 2
	i := t.idx[mid]
	p := t.pts[i]
	if d := chord2(q, p); d < *bestD || (d == *bestD && i < *best) {
		*best, *bestD = i, d
	}
	diff := q[axis] - p[axis]
	next := (axis + 1) % 3
	near, far := [2]int{lo, mid}, [2]int{mid + 1, hi}
	if diff > 0 {
		near, far = far, near
	}
	t.search(q, near[0], near[1], next, best, bestD)
	if diff*diff <= *bestD {
		t.search(q, far[0], far[1], next, best, bestD)
	}
}
