// Package faults is Atlas RI's fault-injection suite (issue 13): it holds
// tests only. They put a real data folder through the faults of a
// practice's machine and check that the practice's data survives each one,
// with a French message that says what to do:
//
//   - a lock on user.db held by a second process (the open waits, then
//     refuses, and never takes the lock for damage);
//   - a full disk, on a small tmpfs when the machine allows mounting (as
//     root on Linux), else through an injected writer and /dev/full;
//   - read-only files and folders, and SQLite side files owned by another
//     user (as root, the program runs as nobody; otherwise the permission
//     bits stop the user running the tests);
//   - kill -9 at random moments of an import (100 rounds; the seed is
//     logged, ATLAS_RI_FAULT_SEED draws the same ones again), each result
//     classified: the previous directory, or the new one with a history
//     that says so.
//
// A fault the machine cannot produce is skipped with the reason logged.
// CI runs the suite as part of `make test` (as root on a fresh Debian
// machine, so that every fault is produced).
package faults
