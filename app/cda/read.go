package cda

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"fmt"
	"strings"
	"time"
)

// MaxSize bounds a CDA file read back (a letter's PDF is well under it).
const MaxSize = 20 << 20

// The parts of a CDA document Read looks at.
type xmlDoc struct {
	XMLName     xml.Name `xml:"urn:hl7-org:v3 ClinicalDocument"`
	TemplateIDs []xmlII  `xml:"templateId"`
	ID          xmlII    `xml:"id"`
	Code        xmlCode  `xml:"code"`
	Title       string   `xml:"title"`
	Effective   xmlValue `xml:"effectiveTime"`
	SetID       xmlII    `xml:"setId"`
	Version     xmlValue `xml:"versionNumber"`
	Patient     struct {
		IDs     []xmlII    `xml:"id"`
		Addr    []string   `xml:"addr>streetAddressLine"`
		Telecom []xmlValue `xml:"telecom"`
		Person  struct {
			Name struct {
				Family []xmlPart `xml:"family"`
				Given  []xmlPart `xml:"given"`
			} `xml:"name"`
			Gender     xmlCode  `xml:"administrativeGenderCode"`
			BirthTime  xmlValue `xml:"birthTime"`
			Birthplace string   `xml:"birthplace>place>addr>county"`
		} `xml:"patient"`
	} `xml:"recordTarget>patientRole"`
	Author struct {
		ID      xmlII       `xml:"id"`
		Code    xmlCode     `xml:"code"`
		OrgID   xmlII       `xml:"representedOrganization>id"`
		Addr    xmlAddr     `xml:"addr"`
		Telecom []xmlValue  `xml:"telecom"`
		Name    xmlPersName `xml:"assignedPerson>name"`
		Org     string      `xml:"representedOrganization>name"`
	} `xml:"author>assignedAuthor"`
	Recipient struct {
		Addr    xmlAddr    `xml:"addr"`
		Telecom []xmlValue `xml:"telecom"`
		Name    string     `xml:"receivedOrganization>name"`
	} `xml:"informationRecipient>intendedRecipient"`
	Participants []struct {
		TypeCode string  `xml:"typeCode,attr"`
		Function xmlCode `xml:"functionCode"`
	} `xml:"participant"`
	Body struct {
		MediaType      string `xml:"mediaType,attr"`
		Representation string `xml:"representation,attr"`
		Text           string `xml:",chardata"`
	} `xml:"component>nonXMLBody>text"`
}

type xmlII struct {
	Root       string `xml:"root,attr"`
	Extension  string `xml:"extension,attr"`
	NullFlavor string `xml:"nullFlavor,attr"`
}

type xmlCode struct {
	Code        string `xml:"code,attr"`
	CodeSystem  string `xml:"codeSystem,attr"`
	DisplayName string `xml:"displayName,attr"`
}

type xmlValue struct {
	Value string `xml:"value,attr"`
}

type xmlPart struct {
	Qualifier string `xml:"qualifier,attr"`
	Text      string `xml:",chardata"`
}

type xmlAddr struct {
	Lines    []string `xml:"streetName"`
	More     []string `xml:"additionalLocator"`
	Postcode string   `xml:"postalCode"`
	City     string   `xml:"city"`
}

type xmlPersName struct {
	Given  string `xml:"given"`
	Family string `xml:"family"`
	Suffix string `xml:"suffix"`
}

// Read parses a CDA document written by Write (or any CDA R2 document
// with the same header and a PDF body) and returns what it says, the PDF
// decoded. Errors are in French and name the part that is wrong.
func Read(data []byte) (*Document, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("document CDA trop gros (%d octets, %d au plus)", len(data), MaxSize)
	}
	var x xmlDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&x); err != nil {
		line, _ := dec.InputPos()
		return nil, fmt.Errorf("document CDA illisible, ligne %d : %v", line, err)
	}
	if x.Body.MediaType != PDFMediaType || x.Body.Representation != "B64" {
		return nil, fmt.Errorf("document CDA : le corps n'est pas un PDF en base64 (type « %s »)", x.Body.MediaType)
	}
	pdf, err := base64.StdEncoding.DecodeString(strings.Join(strings.Fields(x.Body.Text), ""))
	if err != nil {
		return nil, fmt.Errorf("document CDA : le PDF du corps est mal encodé : %v", err)
	}
	d := &Document{ID: x.ID.Root, SetID: x.SetID.Root, Title: x.Title, PDF: pdf}
	fmt.Sscan(x.Version.Value, &d.Version)
	if t, err := time.Parse("20060102150405-0700", x.Effective.Value); err == nil {
		d.Effective = t
	}
	p := &d.Patient
	for _, id := range x.Patient.IDs {
		switch id.Root {
		case RootINSNIR, RootINSNIA:
			p.INS = &INS{Matricule: id.Extension, NIA: id.Root == RootINSNIA}
		default:
			d.PatientID = id.Root
		}
	}
	p.Address = x.Patient.Addr
	for _, t := range x.Patient.Telecom {
		p.Phone = strings.TrimPrefix(t.Value, "tel:")
	}
	pp := x.Patient.Person
	for _, f := range pp.Name.Family {
		switch f.Qualifier {
		case "BR":
			p.BirthName = f.Text
		case "CL":
			p.UsedName = f.Text
		}
	}
	for _, g := range pp.Name.Given {
		switch g.Qualifier {
		case "BR":
			p.FirstName = g.Text
		case "CL":
			p.UsedFirstName = g.Text
		case "":
			p.BirthFirstNames = g.Text
		}
	}
	p.Sex = pp.Gender.Code
	if t, err := time.Parse("20060102", pp.BirthTime.Value); err == nil {
		p.BirthDate = t
	}
	p.Birthplace = pp.Birthplace
	a := &d.Author
	a.RPPS = strings.TrimPrefix(x.Author.ID.Extension, "8")
	a.Profession, a.ProfessionName = x.Author.Code.Code, x.Author.Code.DisplayName
	a.Given, a.Family, a.Title = x.Author.Name.Given, x.Author.Name.Family, x.Author.Name.Suffix
	a.Practice, a.StructureID = x.Author.Org, x.Author.OrgID.Extension
	a.Address = x.Author.Addr.address()
	a.Phone, a.MSSante = telecoms(x.Author.Telecom)
	r := &d.Recipient
	r.Name, r.Address = x.Recipient.Name, x.Recipient.Addr.address()
	r.Phone, r.MSSante = telecoms(x.Recipient.Telecom)
	for _, pt := range x.Participants {
		if pt.TypeCode == "INF" && pt.Function.Code == "PCP" {
			d.TreatingDoctor = true
		}
	}
	return d, nil
}

func (a xmlAddr) address() Address {
	return Address{Lines: append(a.Lines, a.More...), Postcode: a.Postcode, City: a.City}
}

// telecoms returns the phone number and the mail address of a telecom list.
func telecoms(list []xmlValue) (phone, mail string) {
	for _, t := range list {
		switch {
		case strings.HasPrefix(t.Value, "tel:"):
			phone = strings.TrimPrefix(t.Value, "tel:")
		case strings.HasPrefix(t.Value, "mailto:"):
			mail = strings.TrimPrefix(t.Value, "mailto:")
		}
	}
	return phone, mail
}
