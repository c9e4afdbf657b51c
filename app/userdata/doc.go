// Package userdata looks after the practice's own data in user.db beyond
// what the window edits field by field: the centres the practice adds
// itself (checked like a directory's, marked as the practice's), and the
// backup of the whole file (app.Restore puts one back, since it checks the
// file with the SQLite store). It works through model's store interfaces.
package userdata
