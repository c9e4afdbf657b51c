// Package userdata looks after the practice's own data in user.db beyond
// what the window edits field by field: the centres the practice adds
// itself (checked like a directory's, marked as the practice's), and the
// backup and restore of the whole file.
package userdata
