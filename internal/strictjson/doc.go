// Package strictjson reads the JSON files Atlas RI takes from outside
// (directories, patient files, package manifests, GP identities) strictly
// and says in French what is wrong and where: line, column and field.
//
// Parse keeps every value's position (encoding/json does not give them)
// and refuses duplicate keys, which encoding/json would silently resolve
// to the last one. Decode fills a Go value from it, refusing unknown
// fields, wrong types, invalid UTF-8 and trailing data; the exchange
// package walks Parse's tree itself to report every problem of a
// directory at once.
package strictjson
