package cda

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Checks of what Write needs; each message says which part is wrong.
var (
	rppsPattern      = regexp.MustCompile(`^\d{11}$`)
	insPattern       = regexp.MustCompile(`^[0-9]{5}[0-9AB][0-9]{9}$`)
	cogPattern       = regexp.MustCompile(`^([0-9]{2}|2A|2B)[0-9]{3}$`)
	structurePattern = regexp.MustCompile(`^[0-9A-Za-z]{2,30}$`)
	uuidPattern      = regexp.MustCompile(`^[A-Fa-f\d]{8}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{4}-[A-Fa-f\d]{12}$`)
	errPDFMissing    = errors.New("document CDA : le PDF de la lettre manque")
)

// check reports what keeps d from being written, in French.
func (d *Document) check() error {
	var probs []string
	if !uuidPattern.MatchString(d.ID) || !uuidPattern.MatchString(d.SetID) || (d.Patient.INS == nil && !uuidPattern.MatchString(d.PatientID)) {
		probs = append(probs, "identifiants du document invalides")
	}
	if !rppsPattern.MatchString(d.Author.RPPS) {
		probs = append(probs, "numéro RPPS du médecin absent ou invalide (Paramètres)")
	}
	if !structurePattern.MatchString(d.Author.StructureID) {
		probs = append(probs, "identifiant national de structure du cabinet absent ou invalide (Paramètres)")
	}
	if d.Author.Family == "" {
		probs = append(probs, "nom du médecin absent")
	}
	p := d.Patient
	if p.BirthName == "" || p.FirstName == "" {
		probs = append(probs, "nom de naissance ou premier prénom de naissance du patient absent")
	}
	if p.Sex != "F" && p.Sex != "M" {
		probs = append(probs, "sexe du patient absent (F ou M)")
	}
	if p.BirthDate.IsZero() {
		probs = append(probs, "date de naissance du patient absente")
	}
	if !cogPattern.MatchString(p.Birthplace) {
		probs = append(probs, "lieu de naissance du patient (code INSEE) absent ou invalide")
	}
	if p.INS != nil && !insPattern.MatchString(p.INS.Matricule) {
		probs = append(probs, "matricule INS invalide (15 caractères)")
	}
	if d.Recipient.Name == "" {
		probs = append(probs, "destinataire absent")
	}
	if len(probs) > 0 {
		return fmt.Errorf("document CDA : %s", strings.Join(probs, " ; "))
	}
	if len(d.PDF) == 0 {
		return errPDFMissing
	}
	return nil
}

// Write renders the document as CDA R2 XML in UTF-8.
func (d *Document) Write() ([]byte, error) {
	if err := d.check(); err != nil {
		return nil, err
	}
	w := &writer{}
	w.raw(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	w.open("ClinicalDocument", "xmlns", "urn:hl7-org:v3", "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
	w.empty("realmCode", "code", "FR")
	w.empty("typeId", "root", "2.16.840.1.113883.1.3", "extension", "POCD_HD000040")
	w.empty("templateId", "root", TemplateHL7France)
	w.empty("templateId", "root", TemplateCISIS)
	w.empty("templateId", "root", TemplateXDSSD)
	w.empty("id", "root", d.ID)
	w.empty("code", "code", TypeCode, "displayName", TypeDisplayName, "codeSystem", LOINC, "codeSystemName", "LOINC")
	w.text("title", d.Title)
	w.empty("effectiveTime", "value", timestamp(d.Effective))
	w.empty("confidentialityCode", "code", "N", "displayName", "Normal", "codeSystem", "2.16.840.1.113883.5.25")
	w.empty("languageCode", "code", "fr-FR")
	w.empty("setId", "root", d.SetID)
	w.empty("versionNumber", "value", fmt.Sprint(max(d.Version, 1)))
	d.recordTarget(w)
	d.author(w)
	d.custodian(w)
	d.recipient(w)
	d.legalAuthenticator(w)
	d.participants(w)
	d.documentationOf(w)
	d.componentOf(w)
	w.open("component")
	w.open("nonXMLBody")
	w.start("text", []string{"mediaType", PDFMediaType, "representation", "B64"})
	w.WriteString(">" + base64.StdEncoding.EncodeToString(d.PDF) + "</text>\n")
	w.close("nonXMLBody")
	w.close("component")
	w.close("ClinicalDocument")
	return w.Bytes(), nil
}

func (d *Document) recordTarget(w *writer) {
	p := d.Patient
	w.open("recordTarget")
	w.open("patientRole")
	if p.INS != nil {
		root := RootINSNIR
		if p.INS.NIA {
			root = RootINSNIA
		}
		w.empty("id", "root", root, "extension", p.INS.Matricule)
	} else {
		// No INS without a qualified identity: the traits identify the
		// patient. The header still needs an id with an extension: a
		// UUID made for this document, extension "1", means nothing
		// outside it.
		w.empty("id", "root", d.PatientID, "extension", "1")
	}
	if len(p.Address) > 0 {
		w.open("addr")
		for _, l := range p.Address {
			w.text("streetAddressLine", l)
		}
		w.close("addr")
	}
	if p.Phone != "" {
		w.empty("telecom", "value", "tel:"+p.Phone)
	}
	w.open("patient", "classCode", "PSN")
	w.open("name")
	w.text("family", p.BirthName, "qualifier", "BR")
	firsts := p.BirthFirstNames
	if firsts == "" {
		firsts = p.FirstName
	}
	w.text("given", firsts)
	w.text("given", p.FirstName, "qualifier", "BR")
	w.text("family", or(p.UsedName, p.BirthName), "qualifier", "CL")
	w.text("given", or(p.UsedFirstName, p.FirstName), "qualifier", "CL")
	w.close("name")
	sex := map[string]string{"F": "Féminin", "M": "Masculin"}[p.Sex]
	w.empty("administrativeGenderCode", "code", p.Sex, "displayName", sex, "codeSystem", "2.16.840.1.113883.5.1")
	w.empty("birthTime", "value", p.BirthDate.Format("20060102"))
	w.open("birthplace")
	w.open("place")
	w.open("addr")
	w.text("county", p.Birthplace)
	w.close("addr")
	w.close("place")
	w.close("birthplace")
	w.close("patient")
	w.close("patientRole")
	w.close("recordTarget")
}

// person writes the GP's identifier, profession code, address, telecoms
// and name: the same block serves the author and the participants.
func (d *Document) assigned(w *writer, withCode bool) {
	a := d.Author
	w.empty("id", "root", RootRPPS, "extension", "8"+a.RPPS)
	if withCode {
		w.empty("code", "code", a.Profession, "displayName", a.ProfessionName, "codeSystem", "1.2.250.1.213.1.1.4.5")
	}
	address(w, a.Address)
	d.telecoms(w)
}

func (d *Document) telecoms(w *writer) {
	a := d.Author
	if a.Phone != "" {
		w.empty("telecom", "value", "tel:"+a.Phone, "use", "WP")
	}
	if a.MSSante != "" {
		w.empty("telecom", "value", "mailto:"+a.MSSante, "use", "WP")
	}
}

func (d *Document) personName(w *writer, element string) {
	a := d.Author
	w.open(element)
	w.open("name")
	w.text("given", a.Given)
	w.text("family", a.Family)
	if a.Title != "" {
		w.text("suffix", a.Title)
	}
	w.close("name")
	w.close(element)
}

// practice writes the GP's practice as an organization (no identifier:
// the letter knows none).
func (d *Document) practice(w *writer, element string) {
	a := d.Author
	w.open(element)
	w.empty("id", "root", RootStructure, "extension", a.StructureID)
	w.text("name", or(a.Practice, "Cabinet du Dr "+a.Family))
	if a.Phone != "" {
		w.empty("telecom", "value", "tel:"+a.Phone, "use", "WP")
	}
	address(w, a.Address)
	w.close(element)
}

func (d *Document) author(w *writer) {
	w.open("author")
	w.empty("time", "value", timestamp(d.Effective))
	w.open("assignedAuthor")
	d.assigned(w, true)
	d.personName(w, "assignedPerson")
	d.practice(w, "representedOrganization")
	w.close("assignedAuthor")
	w.close("author")
}

// custodian: the GP's practice keeps the document it wrote.
func (d *Document) custodian(w *writer) {
	a := d.Author
	w.open("custodian")
	w.open("assignedCustodian")
	w.open("representedCustodianOrganization")
	w.empty("id", "root", RootStructure, "extension", a.StructureID)
	w.text("name", or(a.Practice, "Cabinet du Dr "+a.Family))
	if a.Phone != "" {
		w.empty("telecom", "value", "tel:"+a.Phone, "use", "WP")
	} else {
		w.empty("telecom", "nullFlavor", "NASK")
	}
	address(w, a.Address)
	w.close("representedCustodianOrganization")
	w.close("assignedCustodian")
	w.close("custodian")
}

// recipient names the centre's team the letter is for.
func (d *Document) recipient(w *writer) {
	r := d.Recipient
	w.open("informationRecipient")
	w.open("intendedRecipient")
	address(w, r.Address)
	if r.Phone != "" {
		w.empty("telecom", "value", "tel:"+r.Phone, "use", "WP")
	}
	if r.MSSante != "" {
		w.empty("telecom", "value", "mailto:"+r.MSSante, "use", "WP")
	}
	w.open("receivedOrganization")
	w.text("name", r.Name)
	w.close("receivedOrganization")
	w.close("intendedRecipient")
	w.close("informationRecipient")
}

func (d *Document) legalAuthenticator(w *writer) {
	w.open("legalAuthenticator")
	w.empty("time", "value", timestamp(d.Effective))
	w.empty("signatureCode", "code", "S")
	w.open("assignedEntity")
	w.empty("id", "root", RootRPPS, "extension", "8"+d.Author.RPPS)
	d.personName(w, "assignedPerson")
	w.close("assignedEntity")
	w.close("legalAuthenticator")
}

// participants: the GP who refers the patient (REFB) and, when it is the
// same doctor, the médecin traitant (INF, function PCP), as in the
// LDL-EES header of the CI-SIS.
func (d *Document) participants(w *writer) {
	entity := func() {
		w.open("associatedEntity", "classCode", "PROV")
		d.assigned(w, true)
		d.personName(w, "associatedPerson")
		d.practice(w, "scopingOrganization")
		w.close("associatedEntity")
	}
	w.open("participant", "typeCode", "REFB")
	w.open("time", "xsi:type", "IVL_TS")
	w.empty("low", "value", timestamp(d.Effective))
	w.close("time")
	entity()
	w.close("participant")
	if d.TreatingDoctor {
		w.open("participant", "typeCode", "INF")
		w.empty("functionCode", "code", "PCP", "displayName", "Médecin traitant", "codeSystem", "2.16.840.1.113883.5.88")
		w.empty("time", "nullFlavor", "NA")
		entity()
		w.close("participant")
	}
}

// documentationOf: the consultation in which the GP wrote the letter.
func (d *Document) documentationOf(w *writer) {
	w.open("documentationOf")
	w.open("serviceEvent")
	w.empty("code", "code", "AMB", "displayName", "Ambulatoire (hors établissement)", "codeSystem", "2.16.840.1.113883.5.4")
	w.open("effectiveTime")
	w.empty("low", "value", timestamp(d.Effective))
	w.empty("high", "value", timestamp(d.Effective))
	w.close("effectiveTime")
	w.open("performer", "typeCode", "PRF")
	w.open("assignedEntity")
	w.empty("id", "root", RootRPPS, "extension", "8"+d.Author.RPPS)
	d.personName(w, "assignedPerson")
	w.open("representedOrganization")
	w.empty("id", "root", RootStructure, "extension", d.Author.StructureID)
	w.text("name", or(d.Author.Practice, "Cabinet du Dr "+d.Author.Family))
	address(w, d.Author.Address)
	w.empty("standardIndustryClassCode", "code", "AMBULATOIRE", "displayName", "Ambulatoire", "codeSystem", "1.2.250.1.213.1.1.4.9")
	w.close("representedOrganization")
	w.close("assignedEntity")
	w.close("performer")
	w.close("serviceEvent")
	w.close("documentationOf")
}

func (d *Document) componentOf(w *writer) {
	w.open("componentOf")
	w.open("encompassingEncounter")
	w.empty("code", "code", "AMB", "displayName", "Ambulatoire (hors établissement)", "codeSystem", "2.16.840.1.113883.5.4")
	w.open("effectiveTime")
	w.empty("low", "value", timestamp(d.Effective))
	w.close("effectiveTime")
	w.open("location")
	w.open("healthCareFacility")
	w.empty("id", "root", RootStructure, "extension", d.Author.StructureID)
	w.empty("code", "code", "SA07", "displayName", "Cabinet individuel", "codeSystem", "1.2.250.1.71.4.2.4")
	w.close("healthCareFacility")
	w.close("location")
	w.close("encompassingEncounter")
	w.close("componentOf")
}

func address(w *writer, a Address) {
	if len(a.Lines) == 0 && a.Postcode == "" && a.City == "" {
		w.empty("addr", "nullFlavor", "NASK")
		return
	}
	w.open("addr")
	// The CI-SIS forbids mixing free lines with postcode and city: the
	// first line is the street, the others additional locators.
	for i, l := range a.Lines {
		if i == 0 {
			w.text("streetName", l)
		} else {
			w.text("additionalLocator", l)
		}
	}
	if a.Postcode != "" {
		w.text("postalCode", a.Postcode)
	}
	if a.City != "" {
		w.text("city", a.City)
	}
	w.close("addr")
}

// timestamp writes an HL7 TS with seconds and the time zone offset.
func timestamp(t time.Time) string { return t.Format("20060102150405-0700") }

func or(s, fallback string) string {
	if strings.TrimSpace(s) == "" {
		return fallback
	}
	return s
}

// writer is a small indenting XML writer: the document's element order is
// fixed by the schema, so it is written in order rather than marshalled.
type writer struct {
	bytes.Buffer
	depth int
}

func (w *writer) raw(s string) { w.WriteString(s) }

func (w *writer) indent() { w.WriteString(strings.Repeat("  ", w.depth)) }

func (w *writer) start(name string, attrs []string) {
	w.indent()
	w.WriteString("<" + name)
	for i := 0; i+1 < len(attrs); i += 2 {
		w.WriteString(" " + attrs[i] + `="`)
		xml.EscapeText(w, []byte(attrs[i+1]))
		w.WriteString(`"`)
	}
}

func (w *writer) open(name string, attrs ...string) {
	w.start(name, attrs)
	w.WriteString(">\n")
	w.depth++
}

func (w *writer) close(name string) {
	w.depth--
	w.indent()
	w.WriteString("</" + name + ">\n")
}

func (w *writer) empty(name string, attrs ...string) {
	w.start(name, attrs)
	w.WriteString("/>\n")
}

func (w *writer) text(name, value string, attrs ...string) {
	w.start(name, attrs)
	w.WriteString(">")
	xml.EscapeText(w, []byte(value))
	w.WriteString("</" + name + ">\n")
}
