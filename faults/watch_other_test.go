//go:build !linux

package faults

import "testing"

// commitWatch says whether watchCommit sees the commit point. Without
// Linux's inotify it does not, and every round is anchored at the start of
// the install.
const commitWatch = false

func watchCommit(t *testing.T, dir string) (<-chan struct{}, func()) {
	return nil, func() {}
}
