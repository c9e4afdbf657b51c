// Package cda writes and reads a letter as an HL7 CDA R2 document with the
// French interoperability framework's minimal header (CI-SIS « structuration
// minimale des documents de santé »): the header identifies the patient,
// the author and the recipient, and the body is the letter's PDF, base64
// encoded in a nonXMLBody. DMP and MSSanté accept this form. The codes and
// identifiers used are those of the ANS material cited in docs/LETTERS.md;
// the package imports nothing of the letter, so that the mapping from a
// letter lives with the letter.
package cda

import (
	"crypto/rand"
	"fmt"
	"time"
)

// Identifier roots (OIDs) and codes, each from the ANS material cited in
// docs/LETTERS.md.
const (
	// Conformance: HL7 France, CI-SIS, IHE XDS-SD (a PDF in a CDA header).
	TemplateHL7France = "2.16.840.1.113883.2.8.2.1"
	TemplateCISIS     = "1.2.250.1.213.1.1.1.1"
	TemplateXDSSD     = "1.3.6.1.4.1.19376.1.2.20"

	// INS matricule roots: NIR and NIA (TestContenuCDA's CDA-FO.xsl labels
	// them [INS-NIR] and [INS-NIA]; .10 and .11 are test and demo roots).
	RootINSNIR = "1.2.250.1.213.1.4.8"
	RootINSNIA = "1.2.250.1.213.1.4.9"
	// RootRPPS identifies health professionals (identifiant national PS:
	// "8" followed by the RPPS number).
	RootRPPS = "1.2.250.1.71.4.2.1"
	// RootStructure identifies health structures (« identifiant national
	// de structure »); the schematron requires it for the custodian. The
	// GP gives the practice's identifier in the settings.
	RootStructure = "1.2.250.1.71.4.2.2"

	// TypeCode is the document type, LOINC 18761-7, in the CI-SIS value set
	// JDV_J07_XdsTypeCode_CISIS as « Note de transfert (dont lettre de
	// liaison à l'entrée en établissement de soins) ».
	TypeCode        = "18761-7"
	TypeDisplayName = "Note de transfert (dont lettre de liaison à l'entrée en établissement de soins)"
	LOINC           = "2.16.840.1.113883.6.1"

	// PDFMediaType is the body's media type.
	PDFMediaType = "application/pdf"
)

// Address is a postal address: street lines, postcode, city.
type Address struct {
	Lines    []string
	Postcode string
	City     string
}

// Person is a health professional: the letter's author.
type Person struct {
	RPPS string // 11 digits
	// StructureID is the practice's national structure identifier.
	StructureID string
	Title       string // "DR" or "" (JDV_J246_Titre_CISIS)
	Given       string
	Family      string
	Phone       string // digits
	MSSante     string // secure messaging address
	Address     Address
	Practice    string // name of the practice, if any
	Profession  string // code in JDV_J01_XdsAuthorSpecialty_CISIS
	// ProfessionName is the code's display name.
	ProfessionName string
}

// Organization is the recipient: a centre's team.
type Organization struct {
	Name    string
	Phone   string
	MSSante string
	Address Address
}

// INS is the patient's national health identifier: printed only for a
// qualified identity.
type INS struct {
	Matricule string // NIR or NIA, 15 characters
	NIA       bool
}

// Patient carries the identity traits (traits INS) and the INS when the
// identity is qualified.
type Patient struct {
	INS             *INS
	BirthName       string // nom de naissance
	BirthFirstNames string // prénoms de naissance, space separated
	FirstName       string // premier prénom de naissance
	UsedName        string // nom utilisé
	UsedFirstName   string // prénom utilisé
	Sex             string // F or M
	BirthDate       time.Time
	Birthplace      string // code officiel géographique (INSEE)
	Phone           string
	Address         []string
}

// Document is one letter as a CDA document.
type Document struct {
	ID, SetID string // UUIDs
	// PatientID is a UUID standing for the patient when there is no INS.
	PatientID string
	Version   int
	Effective time.Time
	Title     string
	Patient   Patient
	Author    Person
	// TreatingDoctor says that the author is the patient's médecin
	// traitant (participant with function code PCP).
	TreatingDoctor bool
	Recipient      Organization
	PDF            []byte
}

// NewID returns a random version 4 UUID, for a document id or set id.
func NewID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", err
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	// Upper case: HL7 V3 data types want it in an II root.
	return fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}
