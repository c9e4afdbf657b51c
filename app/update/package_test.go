package update

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"io"
	"strings"
	"testing"
)

// testKey is a throwaway key: tests never use the federation's.
func testKey(t testing.TB) (ed25519.PublicKey, ed25519.PrivateKey) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

const payload = `{"format": "atlasri-annuaire/1", "version": "2027.1", "date": "2027-01-15", "centres": []}` + "\n"

func TestSignVerify(t *testing.T) {
	pub, priv := testKey(t)
	pkg, err := Sign([]byte(payload), "2027.1", "2027-01-15", priv)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := Sign([]byte(payload), "2027.1", "2027-01-15", priv)
	if !bytes.Equal(pkg, again) {
		t.Error("signing twice gave different packages")
	}
	if !IsPackage(pkg) || IsPackage([]byte(payload)) {
		t.Error("IsPackage")
	}
	m, body, err := Verify(pkg, NewKeyring(pub))
	if err != nil {
		t.Fatal(err)
	}
	if string(body) != payload || m.Version != "2027.1" || m.Date != "2027-01-15" || m.Key != KeyID(pub) || m.Size != int64(len(payload)) {
		t.Errorf("manifest %+v, payload %q", m, body)
	}
}

// rezip rebuilds a package with its entries changed by edit.
func rezip(t *testing.T, pkg []byte, edit func(name string, data []byte) (string, []byte)) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		name, data := edit(f.Name, data)
		if name == "" {
			continue
		}
		w, _ := zw.Create(name)
		w.Write(data)
	}
	zw.Close()
	return buf.Bytes()
}

func editManifest(t *testing.T, pkg []byte, change func(m map[string]any)) []byte {
	return rezip(t, pkg, func(name string, data []byte) (string, []byte) {
		if name != ManifestFile {
			return name, data
		}
		var m map[string]any
		json.Unmarshal(data, &m)
		change(m)
		b, _ := json.Marshal(m)
		return name, b
	})
}

// Every way a package can be wrong is refused, with a French message
// saying which.
func TestVerifyRefuses(t *testing.T) {
	pub, priv := testKey(t)
	other, otherPriv := testKey(t)
	keys := NewKeyring(pub)
	pkg, _ := Sign([]byte(payload), "2027.1", "2027-01-15", priv)
	foreign, _ := Sign([]byte(payload), "2027.1", "2027-01-15", otherPriv)
	tests := []struct {
		name string
		pkg  []byte
		want string
	}{
		{"payload modified", rezip(t, pkg, func(n string, d []byte) (string, []byte) {
			if n == PayloadFile {
				d = bytes.Replace(d, []byte("2027.1"), []byte("2027.2"), 1)
			}
			return n, d
		}), "annuaire.json ne correspond pas à l'empreinte signée dans le manifeste : il a été modifié après la signature"},
		{"version in the manifest changed", editManifest(t, pkg, func(m map[string]any) { m["version"] = "2099.1" }),
			"signature invalide : le manifeste a été modifié, ou n'a pas été signé par la fédération"},
		{"hash changed to match a new payload", editManifest(t, pkg, func(m map[string]any) { m["sha256"] = strings.Repeat("0", 64) }),
			"signature invalide : le manifeste a été modifié, ou n'a pas été signé par la fédération"},
		{"signed with another key", foreign, "paquet signé par une clé inconnue (" + KeyID(other) + ") : il ne vient pas de la fédération, ou cette version d'Atlas RI est trop ancienne pour connaître sa clé"},
		{"key id swapped", editManifest(t, foreign, func(m map[string]any) { m["key"] = KeyID(pub) }),
			"signature invalide : le manifeste a été modifié, ou n'a pas été signé par la fédération"},
		{"no signature", editManifest(t, pkg, func(m map[string]any) { m["signature"] = "" }), "manifeste : signature illisible"},
		{"unknown field", editManifest(t, pkg, func(m map[string]any) { m["extra"] = 1 }), `manifeste illisible : champ inconnu « extra » (ligne 1, colonne 22)`},
		{"newer format", editManifest(t, pkg, func(m map[string]any) { m["format"] = "atlasri-paquet/2" }),
			"format de paquet « atlasri-paquet/2 » inconnu de cette version d'Atlas RI (« atlasri-paquet/1 » attendu)"},
		{"manifest missing", rezip(t, pkg, func(n string, d []byte) (string, []byte) {
			if n == ManifestFile {
				return "", nil
			}
			return n, d
		}), "paquet incomplet : « manifest.json » absent"},
		{"extra file", rezip(t, pkg, func(n string, d []byte) (string, []byte) {
			if n == PayloadFile {
				return "../annuaire.json", d
			}
			return n, d
		}), "fichier inattendu « ../annuaire.json » dans le paquet : seuls manifest.json et annuaire.json y ont leur place"},
		{"not a zip", []byte("PK\x03\x04 tronqué"), "ce fichier n'est pas un paquet d'annuaire lisible : archive zip endommagée ou incomplète ; téléchargez-le à nouveau"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Verify(tt.pkg, keys)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestSignRefusesBadHeader(t *testing.T) {
	_, priv := testKey(t)
	if _, err := Sign([]byte(payload), "2027 janvier", "2027-01-15", priv); err == nil || !strings.Contains(err.Error(), "version « 2027 janvier » invalide") {
		t.Errorf("err = %v", err)
	}
	if _, err := Sign([]byte(payload), "2027.1", "15/01/2027", priv); err == nil || !strings.Contains(err.Error(), "date « 15/01/2027 » invalide") {
		t.Errorf("err = %v", err)
	}
}

func TestKeys(t *testing.T) {
	pub, priv := testKey(t)
	p2, err := ParsePublicKey(MarshalPublicKey(pub))
	if err != nil || !p2.Equal(pub) {
		t.Fatalf("public key round trip: %v", err)
	}
	k2, err := ParsePrivateKey(MarshalPrivateKey(priv))
	if err != nil || !k2.Equal(priv) {
		t.Fatalf("private key round trip: %v", err)
	}
	if _, err := ParsePrivateKey(MarshalPublicKey(pub)); err == nil || !strings.Contains(err.Error(), "clé publique") {
		t.Errorf("a public key given to sign: %v", err)
	}
	if _, err := ParsePublicKey([]byte("garbage")); err == nil {
		t.Error("garbage accepted as a public key")
	}
	// The build carries the federation's key, and nothing else.
	trusted, err := TrustedKeys()
	if err != nil || len(trusted.IDs()) != 1 {
		t.Fatalf("trusted keys %v, %v", trusted.IDs(), err)
	}
}

func TestCompare(t *testing.T) {
	tests := []struct {
		da, va, db, vb string
		want           int
	}{
		{"2027-01-15", "2027.1", "2027-01-15", "2027.1", 0},
		{"2027-01-15", "2027.1", "2026-06-01", "2026.2", 1},
		{"2026-06-01", "2026.10", "2026-06-01", "2026.9", 1},
		{"2026-06-01", "2026.9", "2026-06-01", "2026.10", -1},
		{"2026-06-01", "2026.1", "2026-06-01", "2026.1-a", -1},
		{"2026-06-01", "2026.01", "2026-06-01", "2026.1", 0},
		{"2025-12-31", "9999", "2026-01-01", "1", -1},
	}
	for _, tt := range tests {
		if got := Compare(tt.da, tt.va, tt.db, tt.vb); got != tt.want {
			t.Errorf("Compare(%s %s, %s %s) = %d, want %d", tt.da, tt.va, tt.db, tt.vb, got, tt.want)
		}
	}
}

// The verifier never panics, and accepts nothing that was not signed with
// the trusted key over the exact bytes it returns.
func FuzzVerify(f *testing.F) {
	pub, priv := testKey(f)
	good, _ := Sign([]byte(payload), "2027.1", "2027-01-15", priv)
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte(payload))
	keys := NewKeyring(pub)
	f.Fuzz(func(t *testing.T, pkg []byte) {
		m, body, err := Verify(pkg, keys)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("empty error message")
			}
			return
		}
		sig, _ := base64.StdEncoding.DecodeString(m.Signature)
		if !ed25519.Verify(pub, m.SignedText(), sig) || int64(len(body)) != m.Size {
			t.Fatalf("accepted a package whose signature does not hold: %+v", m)
		}
	})
}
