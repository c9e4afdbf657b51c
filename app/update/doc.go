// Package update makes and checks signed directory packages: a zip holding
// the directory in the JSON exchange format (annuaire.json) and a manifest
// (manifest.json) giving its version, date, size and SHA-256, signed with
// the federation's Ed25519 key. Atlas RI carries the federation's public
// keys (keys/*.pem) and refuses a package whose signature or hash does not
// match.
package update
