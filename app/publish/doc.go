// Package publish is the federation's side of the directory: it builds
// the directory from the register's feeds (package register), the
// federation's survey (package survey) and a file of corrections, says
// what changed since the previous package, and signs the result as a
// package practices install (package update).
package publish
