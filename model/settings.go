package model

// Keys of the practice's settings (user.db's settings table), all of them
// in one place: the window, the letters and the GP's identity share the
// table, and a key must never serve two purposes.
const (
	// The window.
	SettingLanguage = "ui.language" // "fr" or "en"
	SettingTheme    = "ui.theme"    // "system", "light" or "dark"

	// The practice's commune, the default "Autour de".
	SettingCommune      = "practice.commune"       // INSEE code
	SettingCommuneLabel = "practice.commune_label" // "Cholet (49)"
	// SettingCommuneAsked records that the first run asked for it once.
	SettingCommuneAsked = "practice.commune_asked"

	// SettingLetterOptions holds the last letter's options as JSON (never
	// anything about a patient).
	SettingLetterOptions = "letter.options"

	// The GP's identity, as letters print it (app/practice).
	SettingGPTitle     = "gp.title"
	SettingGPFirstName = "gp.first_name"
	SettingGPLastName  = "gp.last_name"
	SettingGPSpecialty = "gp.specialty"
	SettingGPPractice  = "gp.practice_name"
	SettingGPAddress   = "gp.address"
	SettingGPPostcode  = "gp.postcode"
	SettingGPCity      = "gp.city"
	SettingGPPhone     = "gp.phone"
	SettingGPEmail     = "gp.email"
	SettingGPMSSante   = "gp.mssante"
	SettingGPRPPS      = "gp.rpps"
	// SettingGPStructure is the practice's national structure identifier
	// (CDA export for MSSanté and the DMP).
	SettingGPStructure = "gp.structure_id"
	// SettingGPTreating is the default answer to « médecin traitant du
	// patient » ("oui", "non" or empty: ask every time).
	SettingGPTreating = "gp.treating_default"
	// SettingGPStamp is the practice stamp's text, printed under the
	// signature.
	SettingGPStamp = "gp.stamp"
	// SettingGPSignature is the signature image, a PNG in base64; user.db
	// is readable by its owner only.
	SettingGPSignature = "gp.signature_png"
)
