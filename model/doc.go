// Package model holds Atlas RI's domain types (départements, communes,
// postcodes, procedures, centres and their offers), their validation, and
// the interfaces of the stores that keep them. It imports neither Fyne nor
// SQL, so every other layer can depend on it.
package model
